from ninja import Router

router = Router(tags=["Feedback and outcomes"])
