"""Questions and typed-in numbers: `/kpi <kpi>`, `report`, `compare`, `list`, `help`,
`settings`, `log`, `cost`, their reply blocks and the Share / Full report buttons.
`bot.queries.feature` declares it all; nothing here runs at import time."""
