from ninja import Router

router = Router(tags=["The child's voice"])
