(()=>{var o;document.dispatchEvent(new CustomEvent("fbss-quiz-chunk",{detail:m=>o=m}));var{h:t}=o;var r=o.c;var e={name:"dropdown_table",score:t,mount:r.mount};o.kinds.set(e.name,e);})();
