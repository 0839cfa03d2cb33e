"""A vector column that is pgvector's `vector(n)` on PostgreSQL and a float32 blob on SQLite."""

import numpy as np
from pgvector.django import VectorField


class EmbeddingField(VectorField):
    """pgvector on PostgreSQL (indexable with HNSW); raw float32 bytes on SQLite, read back as numpy."""

    def db_type(self, connection):
        return super().db_type(connection) if connection.vendor == "postgresql" else "blob"

    def from_db_value(self, value, expression, connection):
        if value is not None and connection.vendor != "postgresql":
            return np.frombuffer(value, dtype=np.float32)
        return super().from_db_value(value, expression, connection)

    def get_db_prep_value(self, value, connection, prepared=False):
        if value is not None and connection.vendor != "postgresql":
            return np.asarray(value, dtype=np.float32).tobytes()
        return super().get_db_prep_value(value, connection, prepared)
