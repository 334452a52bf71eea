#!/usr/bin/env bash
# Before the first release only: replaces every provider's migrations with one InitialCreate and
# re-adds the SQLite full-text index, which EF Core does not model.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf src/Infrastructure/Persistence/Migrations
scripts/add-migration.sh InitialCreate
f=$(ls src/Infrastructure/Persistence/Migrations/Sqlite/*_InitialCreate.cs)
python3 - "$f" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
up_end = s.index('        /// <inheritdoc />\n        protected override void Down')
up = s[:up_end]
last = up.rstrip().rfind('}')
s = up[:last] + '\n            migrationBuilder.Sql(SqliteFullTextSearch.Create);\n        }\n\n' + s[up_end:]
s = s.replace('protected override void Down(MigrationBuilder migrationBuilder)\n        {\n',
              'protected override void Down(MigrationBuilder migrationBuilder)\n        {\n            migrationBuilder.Sql(SqliteFullTextSearch.Drop);\n\n', 1)
s = s.replace('using Microsoft.EntityFrameworkCore.Migrations;',
              'using Invoke.Infrastructure.Persistence.Providers;\nusing Microsoft.EntityFrameworkCore.Migrations;', 1)
open(p, 'w').write(s)
PY
