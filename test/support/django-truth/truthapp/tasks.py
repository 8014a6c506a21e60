import os

from celery import Celery

app = Celery("truth", broker=os.environ["SA_BROKER_URL"])
app.conf.broker_connection_retry_on_startup = False


@app.task(name="truth.ping")
def ping() -> None:
    return None
