"""The six gemeenten of the RMC-regio Agglomeratie Amsterdam, their teams and region relations.

The gemeenten and Amsterdam's teams are reference data set by migration 0001 (DOMAIN.md §1); this
package reads them. Per-tenant configuration (school holidays, letter templates) joins here.
"""
