#!/usr/bin/env bash
# Builds the Teams app package: manifest/build/oppbot-teams.zip with manifest.json (bot id filled in),
# color.png, outline.png and zh-CN.json at the root of the zip, as Teams wants them.
#
#   manifest/build-package.sh <bot-app-id>        or        BOT_ID=<bot-app-id> manifest/build-package.sh
#
# The bot id is the Microsoft App ID of the Azure Bot. It replaces the all-zero placeholder GUID in manifest.json,
# which is used for both the app id and bots[0].botId. Uses `zip` when installed, else python3's zipfile
# (OPPBOT_PACKAGER=python3 forces the latter). BUILD_DIR overrides the output folder (default manifest/build).
set -euo pipefail

here="$(cd "${BASH_SOURCE[0]%/*}" && pwd)"
build_dir="${BUILD_DIR:-$here/build}"
placeholder="00000000-0000-0000-0000-000000000000"
bot_id="${1:-${BOT_ID:-}}"
bot_id="${bot_id,,}" # App IDs are conventionally lower-case

if [[ -z "$bot_id" ]]; then
  echo "build-package.sh: no bot id. Pass the bot's Microsoft App ID as the first argument or in BOT_ID." >&2
  exit 2
fi
if [[ ! "$bot_id" =~ ^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$ ]]; then
  echo "build-package.sh: '$bot_id' is not a GUID. Expected the bot's Microsoft App ID, e.g. 6f1c2b4e-0a7d-4c59-9a1e-3b8d5f0c2e71." >&2
  exit 2
fi
if [[ "$bot_id" == "$placeholder" ]]; then
  echo "build-package.sh: $placeholder is the placeholder, not a bot id." >&2
  exit 2
fi

stage="$build_dir/package"
zip_path="$build_dir/oppbot-teams.zip"
rm -rf "$stage" "$zip_path"
mkdir -p "$stage"

manifest="$(<"$here/manifest.json")"
if [[ "$manifest" != *"$placeholder"* ]]; then
  echo "build-package.sh: manifest.json has no $placeholder placeholder to replace." >&2
  exit 1
fi
printf '%s\n' "${manifest//$placeholder/$bot_id}" > "$stage/manifest.json"
cp "$here/color.png" "$here/outline.png" "$here/zh-CN.json" "$stage/"

files=(manifest.json color.png outline.png zh-CN.json)
if [[ "${OPPBOT_PACKAGER:-}" != "python3" ]] && command -v zip > /dev/null; then
  (cd "$stage" && zip -q -X "$zip_path" "${files[@]}")
else
  python3 - "$stage" "$zip_path" "${files[@]}" <<'PY'
import os, sys, zipfile
stage, zip_path, names = sys.argv[1], sys.argv[2], sys.argv[3:]
with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as z:
    for name in names:
        z.write(os.path.join(stage, name), arcname=name)
PY
fi

echo "$zip_path"
