"""Error pages that never need the database: a 500 must render even when the database is down."""

from django.http import HttpResponseServerError
from django.template import loader


def server_error(request, *args, **kwargs):
    return HttpResponseServerError(loader.get_template("500.html").render({}))
