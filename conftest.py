collect_ignore = ["netkit/__main__.py", "data/make_example_survey.py", "data/make_example_export.py"]
