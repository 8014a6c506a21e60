/** The commented starter config that `scale-audit init` writes. It must validate (a test loads it). */
export const STARTER_CONFIG = `# scale-audit config — every field: see README "Config reference".
# Durations: 500ms, 30s, 2m. Shares: "1%" or 0.01.

target: http://127.0.0.1:8000           # base URL of the service under test (staging, never production)
headers:                                # sent with every request; Authorization/Cookie are redacted in all output
  User-Agent: scale-audit

endpoints:                              # the traffic mix: weight is the relative share of requests
  - name: home
    path: /
    weight: 5
  - name: products
    path: /api/products?page=1
    weight: 3
  - name: checkout
    method: POST
    path: /api/checkout
    json: { sku: "demo", qty: 1 }
    weight: 1
    expect: [200, 201]                  # statuses that count as success (default: any 2xx/3xx)

load:
  rate: 50                              # open model: requests/s, whatever the target does (latency is CO-corrected)
  # connections: 20                     # closed model instead: concurrent users (set rate OR connections OR stages)
  # stages:                             # ramping arrival rate, like k6
  #   - { duration: 30s, rate: 200 }
  #   - { duration: 60s, rate: 1200 }
  duration: 30s
  warmup: 5s                            # sent but not measured
  timeout: 10s
  # max_in_flight: 500                 # sockets open on demand up to this (default 2 × rate × timeout); beyond, drops

slo:                                    # gates: a miss exits 1 (see --fail-on)
  p95: 300ms
  error_rate: 1%
  throughput: 97%                       # achieved vs target rate (open model)
  # endpoints: { checkout: { p95: 500ms } }

budgets:
  queries_per_request: 10
  replica_lag: 1s
  queue_depth: 1000

# sources:                              # sampled every second while the load runs (read-only)
#   postgres:
#     primary: postgres://scale_audit:secret@db:5432/app
#     replicas: [postgres://scale_audit:secret@replica:5432/app]
#     pgbouncer: postgres://pgbouncer@db:6432/pgbouncer
#   redis: [redis://cache:6379/0]
#   queues: { celery_redis: redis://broker:6379/0, names: [celery, high, low] }

# abort_on: { error_rate: 50%, for: 10s } # stop early when the target is clearly down
`;

/** `scale-audit init --django`: a Django shop's login → cart → checkout flow beside its catalog pages. */
export const DJANGO_STARTER_CONFIG = `# scale-audit config for a Django site: see README "Flows" and "Config reference".
# A flow is one virtual user's session: its own cookies (sessionid, csrftoken), CSRF token and test data row.

target: http://127.0.0.1:8000           # staging, never production

data:
  users: { csv: users.csv, mode: unique }   # header row username,password; each iteration takes its own row

endpoints:                              # anonymous traffic, mixed with the flow by weight
  - { name: home, path: /, weight: 6 }
  - { name: products, path: "/products/?page=1", weight: 3 }

flows:
  - name: buy
    weight: 1
    csrf: django                        # csrftoken cookie and csrfmiddlewaretoken → X-CSRFToken, Origin, Referer
    steps:
      - { name: login-page, path: /accounts/login/ }
      - name: login
        method: POST
        path: /accounts/login/
        form: { username: "{{users.username}}", password: "{{users.password}}" }
        expect: [302]
      - { name: add, method: POST, path: /cart/add/, json: { product_id: 7, quantity: 2 } }
      - name: checkout
        method: POST
        path: /checkout/
        expect: [201]
        extract: { order_id: { json: order_id } }   # json path | regex | header | cookie
      - { name: order, path: "/orders/{{order_id}}/", think: 500ms }

load:
  rate: 20                              # arrivals/s: a flow arrival starts one iteration (all its steps)
  duration: 60s
  warmup: 10s
  timeout: 10s

slo:
  p95: 300ms
  error_rate: 1%
  endpoints:
    buy/checkout: { p95: 800ms }        # every step is an endpoint "<flow>/<step>"
  flows:
    buy: { p95: 3s, error_rate: 1% }    # the whole iteration, from its intended start to the last response

# Check a flow before loading it: scale-audit run --trace (one iteration, every request and response, secrets masked)

# The app's own figures per request (queries, repeated queries, cache reads, tasks, time before the view ran):
# pip install the repository's integrations/django, put scale_audit_django.middleware.ScaleAuditMiddleware first in
# MIDDLEWARE with SCALE_AUDIT_TOKEN set, then uncomment (README "Per-request truth from the app"):
# app: { token: "\${SCALE_AUDIT_TOKEN}" }
`;

/** The data set the Django starter names, with placeholder rows. */
export const DJANGO_STARTER_USERS = `username,password
load-user-1,change-me
load-user-2,change-me
`;
