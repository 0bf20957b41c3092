using System.Text.Json.Nodes;
using OppBot.Bot.Tests.Support;

namespace OppBot.Bot.Tests.WeCom;

/// <summary>
/// The crypto vectors of shared/reference/wecom-vectors.json, copied to Fixtures/ (generated with @wecom/crypto 1.0.1
/// and checked in .NET; official ones from Tencent's samples and wechatpy).
/// </summary>
internal static class WeComVectors
{
    private static readonly Lazy<JsonObject> All = new(() => (JsonObject)JsonNode.Parse(File.ReadAllText(
        Path.Combine(NodeRunner.RepoRoot, "tests", "OppBot.Bot.Tests", "WeCom", "Fixtures", "wecom-vectors.json")))!);

    /// <summary>Settings shared by the generated vectors G1–G7.</summary>
    public const string Key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";
    public const string Token = "OppBotToken2024";
    public const string CorpId = "ww0123456789abcdef";

    public static JsonObject Get(string id) =>
        Section("generated").Concat(Section("official")).Concat(Section("signatureOnly")).Concat(Section("negative"))
            .Single(v => (string)v["id"]! == id);

    public static IEnumerable<JsonObject> Section(string name) => All.Value[name]!.AsArray().Cast<JsonObject>();

    /// <summary>Ids of vectors that can be decrypted (every generated and official one).</summary>
    public static TheoryData<string> Decryptable() => Ids("generated", "official");

    /// <summary>Ids of vectors whose random prefix is known, so encryption must reproduce them byte for byte.</summary>
    public static TheoryData<string> Reproducible()
    {
        var data = new TheoryData<string>();
        foreach (var v in Section("generated").Concat(Section("official")).Where(v => v["randomPrefixAscii"] is not null))
        {
            data.Add((string)v["id"]!);
        }

        return data;
    }

    public static TheoryData<string> Ids(params string[] sections)
    {
        var data = new TheoryData<string>();
        foreach (var v in sections.SelectMany(Section))
        {
            data.Add((string)v["id"]!);
        }

        return data;
    }

    public static string S(this JsonObject vector, string name) => (string)vector[name]!;
}
