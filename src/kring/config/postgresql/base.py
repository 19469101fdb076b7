"""Django's PostgreSQL backend, for statements whose parameters are sent apart from their SQL.

kring runs PostgreSQL with server-side binding and prepared statements (settings, "Database connections";
docs/operations.md): a pooled connection plans the statements the pages repeat once instead of on every
request. A statement sent that way carries at most 65,535 parameters (the protocol counts them in 16 bits),
while Django 5.2 assumes no limit on PostgreSQL and would send a bulk insert or a cascading delete of many
rows as one statement too large to bind. Here such statements are split in batches that fit, as Django does
for SQLite's limit (and as Django does upstream since ticket #36822).
"""

from django.db.backends.postgresql import base, features, operations
from django.utils.functional import cached_property

SERVER_SIDE_PARAMS = 2**16 - 1


class DatabaseFeatures(features.DatabaseFeatures):
    @cached_property
    def max_query_params(self) -> int | None:  # type: ignore[override]
        return SERVER_SIDE_PARAMS if self.uses_server_side_binding else None


class DatabaseOperations(operations.DatabaseOperations):
    def bulk_batch_size(self, fields, objs) -> int:
        limit = self.connection.features.max_query_params
        if limit is None or not fields:
            return len(objs)
        return max(limit // len(fields), 1)


class DatabaseWrapper(base.DatabaseWrapper):
    features_class = DatabaseFeatures
    ops_class = DatabaseOperations
