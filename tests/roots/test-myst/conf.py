extensions = ["myst_parser", "fbss_quiz"]
project = "Quiz test"
myst_enable_extensions = ["colon_fence"]
fbss_quiz_topics = {"causes": "Causes", "treatments": "Treatments"}
fbss_quiz_require_rationale = True
copyright = "2026"
version = release = "1.0"
