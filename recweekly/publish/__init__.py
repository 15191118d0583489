"""Publishing posts: Notion (client, blocks, properties, sync) and git change detection."""
