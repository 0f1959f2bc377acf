"""The background worker: django-tasks' database queue and Wagtail's scheduled publishing in one process."""
