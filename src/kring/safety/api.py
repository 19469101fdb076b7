from ninja import Router

router = Router(tags=["Signs of Safety"])
