from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "bearing.notify"
    label = "notify"
    verbose_name = "Notices and channels"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from bearing.notify.on_change import on_changes_recorded
        from bearing.okrs.services.changes import changes_recorded

        changes_recorded.connect(on_changes_recorded, dispatch_uid="bearing.notify")
