using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OppBot.Bot.Tests.Support;

namespace OppBot.Bot.Tests.Manifest;

/// <summary>
/// The Teams app package in manifest/: schema-valid (Ajv through tests/interop/validate-manifest.mjs, against the
/// pinned schemas in ../shared/schemas/teams), icons of the sizes Teams requires, every command translated, and a
/// packaging script that produces a zip Teams accepts. See shared/reference/botframework-teams.md §6.
/// </summary>
public sealed class ManifestTests
{
    private const string Placeholder = "00000000-0000-0000-0000-000000000000";
    private const string BotId = "6f1c2b4e-0a7d-4c59-9a1e-3b8d5f0c2e71";

    private static readonly string ManifestDirectory = Path.Combine(NodeRunner.RepoRoot, "manifest");
    private static readonly string ManifestPath = Path.Combine(ManifestDirectory, "manifest.json");
    private static readonly string LocalizationPath = Path.Combine(ManifestDirectory, "zh-CN.json");

    // ---- schemas

    [Fact]
    public async Task Manifest_AgainstSchema129_HasNoErrors()
    {
        var errors = await ValidateAsync("MicrosoftTeams.v1.29.schema.json", ManifestPath);

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task ChineseLocalization_AgainstLocalizationSchema_HasNoErrors()
    {
        var errors = await ValidateAsync("MicrosoftTeams.Localization.schema.json", LocalizationPath);

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task ValidateManifestScript_BrokenManifest_ReportsEachError()
    {
        // The oracle must be able to fail: the mistakes of reference §6.4's experiment, plus an 11th command.
        var manifest = ReadJson(ManifestPath);
        manifest.Remove("accentColor");
        manifest["id"] = "not-a-guid";
        manifest["bots"]![0]!["scopes"]!.AsArray().Add("channel");
        manifest["name"]!["short"] = new string('x', 31);
        using var temp = new TempDirectory();
        var broken = Path.Combine(temp.Path, "manifest.json");
        await File.WriteAllTextAsync(broken, manifest.ToJsonString());

        var errors = await ValidateAsync("MicrosoftTeams.v1.29.schema.json", broken);

        Assert.Contains(errors, e => e.Contains("accentColor", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("/id must match pattern", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("/bots/0/scopes/3 must be equal to one of the allowed values", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("/name/short must NOT have more than 30 characters", StringComparison.Ordinal));
    }

    // ---- content

    [Fact]
    public void Manifest_Committed_UsesSchema129AndPlaceholderBotId()
    {
        var manifest = ReadJson(ManifestPath);
        var bot = manifest["bots"]![0]!;

        Assert.Equal("https://developer.microsoft.com/json-schemas/teams/v1.29/MicrosoftTeams.schema.json", (string?)manifest["$schema"]);
        Assert.Equal("1.29", (string?)manifest["manifestVersion"]);
        Assert.Equal(Placeholder, (string?)manifest["id"]);
        Assert.Equal(Placeholder, (string?)bot["botId"]); // build-package.sh fills it in
        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(s => (string?)s));
        Assert.False((bool?)bot["supportsFiles"]);
        Assert.Equal("zh-CN.json", (string?)manifest["localizationInfo"]!["additionalLanguages"]![0]!["file"]);
        Assert.Equal("zh-CN", (string?)manifest["localizationInfo"]!["additionalLanguages"]![0]!["languageTag"]);
    }

    [Fact]
    public void CommandLists_OneForEachScope_OfferEveryCommandInAtMostTen()
    {
        string[] expected =
        [
            "help", "new lead", "my deals", "team deals", "show #42", "find", "log", "next", "advance",
            "won", "lost", "pool", "claim", "pipeline", "review", "report", "subscribe", "lang",
        ];
        var lists = CommandLists(ReadJson(ManifestPath));

        Assert.Equal(["personal", "groupChat", "team"], lists.Select(l => (string?)l["scopes"]!.AsArray().Single()));
        Assert.All(lists, l => Assert.InRange(l["commands"]!.AsArray().Count, 1, 10));
        var titles = lists.SelectMany(l => l["commands"]!.AsArray()).Select(c => (string)c!["title"]!).ToHashSet();
        Assert.Equal(expected.Order(), titles.Order());
    }

    [Fact]
    public void ChineseLocalization_EveryEnglishCommand_HasChineseTitleAndDescription()
    {
        var zh = ReadJson(LocalizationPath);
        var lists = CommandLists(ReadJson(ManifestPath));
        var expectedKeys = new HashSet<string> { "$schema", "name.short", "name.full", "description.short", "description.full" };

        for (var i = 0; i < lists.Count; i++)
        {
            var commands = lists[i]["commands"]!.AsArray();
            for (var j = 0; j < commands.Count; j++)
            {
                foreach (var field in new[] { "title", "description" })
                {
                    var key = $"bots[0].commandLists[{i}].commands[{j}].{field}";
                    expectedKeys.Add(key);
                    var english = (string)commands[j]![field]!;
                    var chinese = (string?)zh[key];
                    Assert.True(chinese is not null && chinese.Any(IsCjk), $"{key} ('{english}') has no Chinese translation: '{chinese}'");
                }
            }
        }

        // No translation may point at a command that does not exist (indexes shift when lists change).
        Assert.Equal(expectedKeys.Order(), zh.Select(p => p.Key).Order());
        Assert.Contains("商机", (string?)zh["description.short"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("help", "帮助")]
    [InlineData("new lead", "新建商机")]
    [InlineData("my deals", "我的商机")]
    [InlineData("team deals", "团队商机")]
    [InlineData("show #42", "查看 #42")]
    [InlineData("find", "搜索")]
    [InlineData("log", "跟进")]
    [InlineData("next", "下一步")]
    [InlineData("advance", "推进")]
    [InlineData("won", "赢单")]
    [InlineData("lost", "输单")]
    [InlineData("pool", "公海")]      // the shared lead pool, as Chinese CRMs call it
    [InlineData("claim", "认领")]
    [InlineData("pipeline", "漏斗")]
    [InlineData("review", "评审")]
    [InlineData("report", "报表")]
    [InlineData("subscribe", "订阅")]
    [InlineData("lang", "语言")]
    public void ChineseLocalization_CommandTitle_UsesAgreedVocabulary(string english, string chinese)
    {
        var zh = ReadJson(LocalizationPath);
        var lists = CommandLists(ReadJson(ManifestPath));

        var places = lists
            .SelectMany((l, i) => l["commands"]!.AsArray().Select((c, j) => (Title: (string)c!["title"]!, Key: $"bots[0].commandLists[{i}].commands[{j}].title")))
            .Where(c => c.Title == english)
            .ToList();

        Assert.NotEmpty(places);
        Assert.All(places, p => Assert.Equal(chinese, (string?)zh[p.Key]));
    }

    // ---- icons

    [Theory]
    [InlineData("color.png", 192)]  // full-colour icon
    [InlineData("outline.png", 32)] // monochrome outline icon
    public void Icon_ReadFromHeader_HasTheSizeTeamsRequires(string file, int size)
    {
        var png = Png.Read(Path.Combine(ManifestDirectory, file));

        Assert.Equal((size, size), (png.Width, png.Height));
    }

    [Fact]
    public void OutlineIcon_Pixels_AreWhiteOnTransparent()
    {
        var png = Png.Read(Path.Combine(ManifestDirectory, "outline.png"));
        var pixels = png.DecodeRgba();

        Assert.True(png.HasAlpha, "the outline icon needs an alpha channel");
        Assert.Equal(0, pixels[0].A);                              // the background is transparent
        Assert.Contains(pixels, p => p.A == 255);                  // and the symbol is drawn
        Assert.All(pixels.Where(p => p.A > 0), p => Assert.Equal((255, 255, 255), (p.R, p.G, p.B))); // in white only
    }

    // ---- packaging

    [BashTheory]
    [InlineData("zip")]     // the usual path
    [InlineData("python3")] // where zip is not installed
    public async Task BuildPackage_WithBotId_ZipsManifestIconsAndTranslation(string packager)
    {
        using var temp = new TempDirectory();
        var buildDir = temp.Path;

        var result = await RunBuildPackageAsync(buildDir, packager, BotId.ToUpperInvariant());

        Assert.True(result.ExitCode == 0, result.StdErr);
        var zipPath = Path.Combine(buildDir, "oppbot-teams.zip");
        Assert.Equal(zipPath, result.StdOut.Trim());
        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(["color.png", "manifest.json", "outline.png", "zh-CN.json"], zip.Entries.Select(e => e.FullName).Order());

        var manifest = JsonNode.Parse(ReadEntry(zip, "manifest.json"))!;
        Assert.Equal(BotId, (string?)manifest["bots"]![0]!["botId"]); // lower-cased
        Assert.Equal(BotId, (string?)manifest["id"]);
        Assert.DoesNotContain(Placeholder, Encoding.UTF8.GetString(ReadEntry(zip, "manifest.json")), StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(Path.Combine(ManifestDirectory, "color.png")), ReadEntry(zip, "color.png"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(ManifestDirectory, "outline.png")), ReadEntry(zip, "outline.png"));
        Assert.Equal(File.ReadAllBytes(LocalizationPath), ReadEntry(zip, "zh-CN.json"));
    }

    [BashTheory]
    [InlineData("42")]                                   // not a GUID at all
    [InlineData("6f1c2b4e-0a7d-4c59-9a1e-3b8d5f0c2e7")]  // one digit short
    [InlineData(Placeholder)]                            // the placeholder itself
    public async Task BuildPackage_NotABotId_RefusesWithMessage(string botId)
    {
        using var temp = new TempDirectory();
        var buildDir = temp.Path;

        var result = await RunBuildPackageAsync(buildDir, "zip", botId);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(botId, result.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(buildDir, "oppbot-teams.zip")));
    }

    // ---- helpers

    private static async Task<List<string>> ValidateAsync(string schemaFile, string documentPath)
    {
        var schemas = Path.GetFullPath(Path.Combine(NodeRunner.RepoRoot, "..", "shared", "schemas", "teams"));
        var schemaPath = Path.Combine(schemas, schemaFile);
        Assert.True(File.Exists(schemaPath), $"The pinned schema {schemaPath} is missing (shared/schemas/teams beside the repository).");

        var result = (await NodeRunner.RunAsync("validate-manifest.mjs", null, schemaPath, documentPath)).EnsureSuccess();
        using var doc = JsonDocument.Parse(result.StdOut);
        return doc.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    private static JsonObject ReadJson(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    private static List<JsonNode> CommandLists(JsonObject manifest) =>
        manifest["bots"]![0]!["commandLists"]!.AsArray().Select(l => l!).ToList();

    private static bool IsCjk(char c) => c is >= '\u4e00' and <= '\u9fff';

    private static byte[] ReadEntry(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static async Task<(int ExitCode, string StdOut, string StdErr)> RunBuildPackageAsync(string buildDir, string packager, string botId)
    {
        var info = new ProcessStartInfo(BashTheoryAttribute.Bash!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(ManifestDirectory, "build-package.sh"));
        info.ArgumentList.Add(botId);
        info.Environment["BUILD_DIR"] = buildDir;
        info.Environment["OPPBOT_PACKAGER"] = packager;
        info.Environment.Remove("BOT_ID");

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("oppbot-manifest-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    /// <summary>A theory that is skipped, and says so, only where bash is not installed.</summary>
    private sealed class BashTheoryAttribute : TheoryAttribute
    {
        public static readonly string? Bash = new[] { "/bin/bash", "/usr/bin/bash", "/usr/local/bin/bash" }.FirstOrDefault(File.Exists);

        public BashTheoryAttribute()
        {
            if (Bash is null)
            {
                Skip = "bash is not installed";
            }
        }
    }

    /// <summary>Just enough PNG to check icons: the IHDR header, and the pixels of 8-bit RGBA images.</summary>
    private sealed record Png(int Width, int Height, byte BitDepth, byte ColorType, byte Interlace, byte[] Compressed)
    {
        private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

        public bool HasAlpha => ColorType is 4 or 6; // grey + alpha, RGB + alpha

        public static Png Read(string path)
        {
            var bytes = File.ReadAllBytes(path);
            Assert.True(bytes.AsSpan(0, 8).SequenceEqual(Signature), $"{path} is not a PNG");
            Assert.Equal("IHDR", Encoding.ASCII.GetString(bytes, 12, 4)); // IHDR must be the first chunk

            using var idat = new MemoryStream();
            for (var pos = 8; pos < bytes.Length;)
            {
                var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(pos));
                if (Encoding.ASCII.GetString(bytes, pos + 4, 4) == "IDAT")
                {
                    idat.Write(bytes, pos + 8, length);
                }

                pos += 12 + length; // length, type, data, CRC
            }

            return new Png(
                BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)),
                BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)),
                bytes[24],
                bytes[25],
                bytes[28],
                idat.ToArray());
        }

        public List<(byte R, byte G, byte B, byte A)> DecodeRgba()
        {
            Assert.True(BitDepth == 8 && ColorType == 6 && Interlace == 0, "only 8-bit non-interlaced RGBA is decoded here");
            using var inflater = new ZLibStream(new MemoryStream(Compressed), CompressionMode.Decompress);
            using var raw = new MemoryStream();
            inflater.CopyTo(raw);
            var data = raw.ToArray();

            const int bpp = 4;
            var stride = Width * bpp;
            var previous = new byte[stride];
            var pixels = new List<(byte, byte, byte, byte)>(Width * Height);
            for (var y = 0; y < Height; y++)
            {
                var filter = data[y * (stride + 1)];
                var row = data.AsSpan(y * (stride + 1) + 1, stride).ToArray();
                for (var i = 0; i < stride; i++)
                {
                    int left = i >= bpp ? row[i - bpp] : 0, up = previous[i], upLeft = i >= bpp ? previous[i - bpp] : 0;
                    var predictor = filter switch
                    {
                        0 => 0,
                        1 => left,
                        2 => up,
                        3 => (left + up) / 2,
                        4 => Paeth(left, up, upLeft),
                        _ => throw new InvalidDataException($"PNG filter {filter}"),
                    };
                    row[i] = (byte)(row[i] + predictor);
                }

                for (var x = 0; x < Width; x++)
                {
                    pixels.Add((row[x * 4], row[x * 4 + 1], row[x * 4 + 2], row[x * 4 + 3]));
                }

                previous = row;
            }

            return pixels;
        }

        private static int Paeth(int a, int b, int c)
        {
            int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
            return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }
    }
}
