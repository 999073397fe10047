"""The ward server's HTTP API, one router per area.

=============  ======================================  =====================================
module         paths                                   who
=============  ======================================  =====================================
``device``     ``/health``, ``/enroll``, ``/push``,    laptops (device token; health and
               ``/pull``                               enrol are public)
``auth``       ``/auth/login``, ``/auth/logout``,      every staff account
               ``/auth/password``
``staff``      ``/records…``                           team leads, staff, administrators
``admin``      ``/admin/users…``                       administrators
``admin_more`` ``/admin/users`` (create, change),      administrators
               ``/admin/devices…``, ``/admin/
               reference``, ``/admin/audit…``
``reports``    ``/reports…``                           team leads (their neighbourhood),
                                                       staff, administrators
``whoami``     ``/auth/me``                            every staff account
=============  ======================================  =====================================

Adding an area (a review queue, reports, admin screens): write ``api/<area>.py`` with
``router = APIRouter(prefix=f"{API_PREFIX}/<area>", tags=["<area>"])``, routes that take their
caller from :mod:`sync.server.api.deps` (``Reviewer``, ``Corrector``, ``Admin``, ``DB``,
``Context``) and declare ``response_model=`` a model of :mod:`sync.contract.wire`, raise
:class:`sync.server.api.errors.ApiError` for the client's mistakes, and add the router to
:data:`sync.server.app.ROUTERS`. Its request bodies are limited to ``max_json_bytes`` unless
its path is given its own limit in :func:`sync.server.app.body_limits`. Then add its rows to
the role table in README.md: the authorisation-matrix test calls every route and fails for a
route the table does not list.
"""
