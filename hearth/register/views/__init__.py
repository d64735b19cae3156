"""The register's pages, one module per area and audience."""
