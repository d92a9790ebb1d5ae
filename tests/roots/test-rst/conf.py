extensions = ["fbss_quiz"]
project = "Quiz test"
copyright = "2026, Test"
version = release = "1.0"
fbss_quiz_topics = {"causes": "Causes"}
fbss_quiz_require_rationale = True
