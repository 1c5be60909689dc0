from ninja import NinjaAPI

from bearing import __version__

api = NinjaAPI(title="Bearing API", version=__version__, urls_namespace="api")
