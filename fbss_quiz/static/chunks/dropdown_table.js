(()=>{var o;document.dispatchEvent(new CustomEvent("fbss-quiz-chunk",{detail:m=>o=m}));var{l:t}=o;var r=o.g;var e={name:"dropdown_table",score:t,mount:r.mount};o.kinds.set(e.name,e);})();
