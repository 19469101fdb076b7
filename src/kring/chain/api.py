from ninja import Router

router = Router(tags=["Chain table"])
