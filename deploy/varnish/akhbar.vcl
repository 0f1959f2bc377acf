# Varnish 7 (Debian's `varnish` package) in front of akhbar. See docs/caching.md.
#
#   varnishd -a :6081 -f /path/to/deploy/varnish/akhbar.vcl -s malloc,512m
#   FRONTEND_CACHE_URL=http://127.0.0.1:6081 (on the app) sends PURGE requests here on publish.
#
# - Signed-in editors (session cookie), /admin/ and the per-reader comment views are passed to the app.
# - Every other GET/HEAD is looked up with its cookies removed: reader pages carry no per-reader data
#   and the app answers them with Cache-Control: public, s-maxage, stale-while-revalidate and
#   stale-if-error (HTTP_CACHE_* settings).
# - PURGE from this machine only bans the purged PATH with every query string (?page=2, ?utm=…) on
#   every host name, the same rule as the app's own page cache.
# - Grace: while the app is healthy, a stale object is served for at most 30 s while it is fetched
#   again in the background (HTTP_CACHE_STALE_WHILE_REVALIDATE); while the probe says the app is
#   down, for the response's stale-if-error (HTTP_CACHE_STALE_IF_ERROR, a day by default).
# - HTTPS: the TLS terminator in front sets X-Forwarded-Proto on every request (and drops a client's);
#   production answers plain http with a redirect to https (SECURE_SSL_REDIRECT), so copies are kept
#   apart by that header, and the health probe says https so that it is not redirected.
vcl 4.1;

import std;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .probe = {
        .request =
            "GET /static/akhbar/favicon.svg HTTP/1.1"
            "Host: localhost"
            "X-Forwarded-Proto: https"
            "Connection: close";
        .interval = 2s;
        .timeout = 2s;
        .window = 3;
        .threshold = 2;
        .initial = 2;
    }
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "PURGE is allowed from this machine only"));
        }
        # (Paths reach Varnish percent-encoded: no spaces, so the ban argument needs no quoting.)
        ban("obj.http.X-Url-Path == " + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin)(/|$)") {
        return (pass);
    }
    # Per-reader comment views: the form's CSRF token and security check, the comment page, posting,
    # the notification emails' unsubscribe links.
    if (req.url ~ "^/comments/(form/|post/|report/|challenge/|unsubscribe/|[0-9]+/)") {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    unset req.http.Cookie;
    unset req.http.Authorization;
    if (std.healthy(req.backend_hint)) {
        set req.grace = 30s;
    }
    return (hash);
}

sub vcl_hash {
    # An http request's answer (the redirect to https) is never served for the https address.
    hash_data(req.http.X-Forwarded-Proto);
    # (Then the built-in vcl_hash: the URL and the host.)
}

sub vcl_backend_response {
    # The path without query string, for path bans (the ban lurker reads only obj.*).
    set beresp.http.X-Url-Path = regsub(bereq.url, "\?.*$", "");
    if (beresp.status >= 500) {
        if (bereq.is_bgfetch) {
            # Keep serving the stale copy rather than an error.
            return (abandon);
        }
        set beresp.ttl = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-store|no-cache)") {
        # Remember for a while that this URL is not cacheable (hit-for-miss), and pass it.
        set beresp.ttl = 60s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    if (beresp.http.Cache-Control ~ "stale-if-error=[0-9]+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control, "^.*stale-if-error=([0-9]+).*$", "\1") + "s", 0s);
    }
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.X-Url-Path;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
