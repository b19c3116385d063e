"""Initial schema: articles, events, participants, mentions, places, clusters, links, errors,
and full-text search over event sentences (SQLite FTS5 / PostgreSQL tsvector).

Revision ID: 0001
Revises:
Create Date: 2026-11-28 12:00:06.093844
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('articles',
    sa.Column('id', sa.String(length=200), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('publisher', sa.Text(), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('credited', sa.Text(), nullable=True),
    sa.Column('date', sa.String(length=32), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=True),
    sa.Column('n_events', sa.Integer(), nullable=False),
    sa.Column('ingested_at', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_articles_content_hash'), ['content_hash'], unique=False)

    op.create_table('clusters',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event', sa.String(length=16), nullable=False),
    sa.Column('mode', sa.String(length=32), nullable=True),
    sa.Column('date', sa.String(length=16), nullable=True),
    sa.Column('date_precision', sa.String(length=8), nullable=True),
    sa.Column('day', sa.String(length=10), nullable=True),
    sa.Column('actor_codes', sa.String(length=200), nullable=True),
    sa.Column('recipient_codes', sa.String(length=200), nullable=True),
    sa.Column('actor_names', sa.Text(), nullable=True),
    sa.Column('recipient_names', sa.Text(), nullable=True),
    sa.Column('place_name', sa.Text(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('place_country', sa.String(length=3), nullable=True),
    sa.Column('n_events', sa.Integer(), nullable=False),
    sa.Column('n_articles', sa.Integer(), nullable=False),
    sa.Column('n_sources', sa.Integer(), nullable=False),
    sa.Column('first_seen', sa.String(length=32), nullable=True),
    sa.Column('last_seen', sa.String(length=32), nullable=True),
    sa.Column('updated_at', sa.String(length=32), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('clusters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clusters_day'), ['day'], unique=False)
        batch_op.create_index('ix_clusters_event_day', ['event', 'day'], unique=False)

    op.create_table('errors',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('input', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('at', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('events',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('article_id', sa.String(length=200), nullable=False),
    sa.Column('cluster_id', sa.Integer(), nullable=True),
    sa.Column('event', sa.String(length=16), nullable=False),
    sa.Column('mode', sa.String(length=32), nullable=True),
    sa.Column('contexts', sa.Text(), nullable=True),
    sa.Column('aux_mode', sa.String(length=16), nullable=True),
    sa.Column('quad_class', sa.Integer(), nullable=True),
    sa.Column('cameo', sa.String(length=8), nullable=True),
    sa.Column('goldstein', sa.Float(), nullable=True),
    sa.Column('plover_score', sa.Float(), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=True),
    sa.Column('date', sa.String(length=16), nullable=True),
    sa.Column('date_precision', sa.String(length=8), nullable=True),
    sa.Column('date_source', sa.String(length=16), nullable=True),
    sa.Column('day', sa.String(length=10), nullable=True),
    sa.Column('actor_codes', sa.String(length=200), nullable=True),
    sa.Column('recipient_codes', sa.String(length=200), nullable=True),
    sa.Column('actor_sectors', sa.String(length=200), nullable=True),
    sa.Column('recipient_sectors', sa.String(length=200), nullable=True),
    sa.Column('actor_names', sa.Text(), nullable=True),
    sa.Column('recipient_names', sa.Text(), nullable=True),
    sa.Column('place_name', sa.Text(), nullable=True),
    sa.Column('place_geonameid', sa.Integer(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('place_country', sa.String(length=3), nullable=True),
    sa.Column('place_kind', sa.String(length=16), nullable=True),
    sa.Column('location_source', sa.String(length=16), nullable=True),
    sa.Column('sentence', sa.Text(), nullable=True),
    sa.Column('record', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['cluster_id'], ['clusters.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_day'), ['day'], unique=False)
        batch_op.create_index('ix_events_day_event', ['day', 'event'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_event'), ['event'], unique=False)

    op.create_table('places',
    sa.Column('article_id', sa.String(length=200), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('name', sa.Text(), nullable=True),
    sa.Column('geonameid', sa.Integer(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('country', sa.String(length=3), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=True),
    sa.Column('use', sa.String(length=8), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'start')
    )
    with op.batch_alter_table('places', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_places_country'), ['country'], unique=False)

    op.create_table('cluster_links',
    sa.Column('event_id', sa.String(length=64), nullable=False),
    sa.Column('cluster_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.JSON(), nullable=False),
    sa.Column('linked_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['cluster_id'], ['clusters.id'], ),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id')
    )
    with op.batch_alter_table('cluster_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cluster_links_cluster_id'), ['cluster_id'], unique=False)

    op.create_table('mentions',
    sa.Column('event_id', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('sentence_index', sa.Integer(), nullable=True),
    sa.Column('paragraph_index', sa.Integer(), nullable=True),
    sa.Column('trigger_start', sa.Integer(), nullable=True),
    sa.Column('trigger_end', sa.Integer(), nullable=True),
    sa.Column('attribution', sa.Text(), nullable=True),
    sa.Column('sentence', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', 'position')
    )
    op.create_table('participants',
    sa.Column('event_id', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=10), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('name', sa.Text(), nullable=True),
    sa.Column('code', sa.String(length=3), nullable=True),
    sa.Column('sector', sa.String(length=3), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=True),
    sa.Column('office', sa.Text(), nullable=True),
    sa.Column('country_inferred', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', 'role', 'position')
    )
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participants_code'), ['code'], unique=False)
        batch_op.create_index('ix_participants_code_role', ['code', 'role'], unique=False)


    # full text over event sentences
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE events_fts USING fts5(sentence, content='events', content_rowid='rowid')")
        op.execute("CREATE TRIGGER events_fts_ai AFTER INSERT ON events BEGIN "
                   "INSERT INTO events_fts(rowid, sentence) VALUES (new.rowid, new.sentence); END")
        op.execute("CREATE TRIGGER events_fts_ad AFTER DELETE ON events BEGIN "
                   "INSERT INTO events_fts(events_fts, rowid, sentence) VALUES ('delete', old.rowid, old.sentence); END")
        op.execute("CREATE TRIGGER events_fts_au AFTER UPDATE OF sentence ON events BEGIN "
                   "INSERT INTO events_fts(events_fts, rowid, sentence) VALUES ('delete', old.rowid, old.sentence); "
                   "INSERT INTO events_fts(rowid, sentence) VALUES (new.rowid, new.sentence); END")
    else:
        op.execute("CREATE INDEX ix_events_sentence_fts ON events "
                   "USING gin (to_tsvector('english', coalesce(sentence, '')))")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS events_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_events_sentence_fts")
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_index('ix_participants_code_role')
        batch_op.drop_index(batch_op.f('ix_participants_code'))

    op.drop_table('participants')
    op.drop_table('mentions')
    with op.batch_alter_table('cluster_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cluster_links_cluster_id'))

    op.drop_table('cluster_links')
    with op.batch_alter_table('places', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_places_country'))

    op.drop_table('places')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_event'))
        batch_op.drop_index('ix_events_day_event')
        batch_op.drop_index(batch_op.f('ix_events_day'))
        batch_op.drop_index(batch_op.f('ix_events_cluster_id'))
        batch_op.drop_index(batch_op.f('ix_events_article_id'))

    op.drop_table('events')
    op.drop_table('errors')
    with op.batch_alter_table('clusters', schema=None) as batch_op:
        batch_op.drop_index('ix_clusters_event_day')
        batch_op.drop_index(batch_op.f('ix_clusters_day'))

    op.drop_table('clusters')
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_articles_content_hash'))

    op.drop_table('articles')
