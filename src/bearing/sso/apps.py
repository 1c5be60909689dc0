from django.apps import AppConfig


class SsoConfig(AppConfig):
    name = "bearing.sso"
    label = "sso"
    verbose_name = "Single sign-on"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from bearing.sso.services import remember_password_blocked

        user_logged_in.connect(remember_password_blocked, dispatch_uid="bearing.sso.blocked")
