from ninja import Router

router = Router(tags=["Signal index"])
