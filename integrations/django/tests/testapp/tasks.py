from celery import Celery

app = Celery("tests", broker="memory://")


@app.task(name="tests.ping")
def ping() -> None:
    return None
