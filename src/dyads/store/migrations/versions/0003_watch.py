"""`dyads watch`: feed state (validators, seen article URLs), watchlist rules, alert state (one row
per rule and cluster, so an alert fires once), the alerts themselves and the webhook outbox.

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watch_feeds",
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("publisher", sa.Text(), nullable=True),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("checked_at", sa.String(length=32), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("n_items", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("url"),
    )
    op.create_table(
        "watch_seen",
        sa.Column("url_hash", sa.String(length=64), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("feed_url", sa.Text(), nullable=True),
        sa.Column("article_id", sa.String(length=200), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("seen_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("url_hash"),
    )
    op.create_index("ix_watch_seen_content_hash", "watch_seen", ["content_hash"])
    op.create_table(
        "watch_state",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "watch_rules",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("definition", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "watch_matches",
        sa.Column("rule", sa.String(length=200), nullable=False),
        sa.Column("cluster_id", sa.Integer(), nullable=False),
        sa.Column("n_sources", sa.Integer(), nullable=False),
        sa.Column("n_articles", sa.Integer(), nullable=False),
        sa.Column("first_at", sa.String(length=32), nullable=False),
        sa.Column("last_at", sa.String(length=32), nullable=False),
        sa.Column("last_alert_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("rule", "cluster_id"),
    )
    op.create_index("ix_watch_matches_rule_last", "watch_matches", ["rule", "last_at"])
    op.create_table(
        "watch_alerts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("rule", sa.String(length=200), nullable=False),
        sa.Column("cluster_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("n_sources", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_watch_alerts_rule_at", "watch_alerts", ["rule", "at"])
    op.create_table(
        "watch_outbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_at", sa.String(length=32), nullable=False),
        sa.Column("delivered_at", sa.String(length=32), nullable=True),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["alert_id"], ["watch_alerts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_watch_outbox_alert_id", "watch_outbox", ["alert_id"])
    op.create_index("ix_watch_outbox_pending", "watch_outbox", ["delivered_at", "next_at"])


def downgrade() -> None:
    op.drop_index("ix_watch_outbox_pending", table_name="watch_outbox")
    op.drop_index("ix_watch_outbox_alert_id", table_name="watch_outbox")
    op.drop_table("watch_outbox")
    op.drop_index("ix_watch_alerts_rule_at", table_name="watch_alerts")
    op.drop_table("watch_alerts")
    op.drop_index("ix_watch_matches_rule_last", table_name="watch_matches")
    op.drop_table("watch_matches")
    op.drop_table("watch_rules")
    op.drop_table("watch_state")
    op.drop_index("ix_watch_seen_content_hash", table_name="watch_seen")
    op.drop_table("watch_seen")
    op.drop_table("watch_feeds")
