from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "akhbar.worker"
    label = "worker"
    verbose_name = "Background worker"
