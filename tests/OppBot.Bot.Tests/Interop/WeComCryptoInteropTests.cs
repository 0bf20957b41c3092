using System.Text;
using System.Text.Json.Nodes;
using OppBot.Adapters.WeCom;
using OppBot.Bot.Tests.Support;
using OppBot.Bot.Tests.WeCom;

namespace OppBot.Bot.Tests.Interop;

/// <summary>
/// WeComCrypto against WeCom's own npm package, @wecom/crypto 1.0.1 (tests/interop/wecom-crypto.mjs):
/// what one encrypts the other decrypts, both ways, and both sign alike.
/// </summary>
public sealed class WeComCryptoInteropTests
{
    private static readonly WeComCrypto Crypto = new(WeComVectors.Token, WeComVectors.Key, WeComVectors.CorpId);

    /// <summary>Messages chosen for their byte lengths and characters; each with why it is there.</summary>
    public static TheoryData<string, string> Messages()
    {
        // random 16 + length 4 + corp id 18 = 38 bytes around the message: a message of 26 + 32k bytes fills the
        // last block exactly, so a whole 32-byte block of padding is added.
        return new()
        {
            { "empty message", "" },
            { "one byte", "a" },
            { "Chinese text, 3 bytes a character", "新建商机 ACME 华东 50万，下周一跟进" },
            { "outside the BMP: surrogate pairs in .NET, 4 bytes in UTF-8", "𠮷野家 🚀 达成" },
            { "26 bytes: full 32-byte pad block", new string('x', 26) },
            { "58 bytes: full pad block again", new string('y', 58) },
            { "26 bytes of Chinese and ASCII: full pad block", "华东华南华北华中" + "ab" }, // 8 × 3 + 2 = 26
            { "27 bytes: pad 31", new string('z', 27) },
            { "25 bytes: pad 1", new string('z', 25) },
            { "XML with CDATA as WeCom sends it", WeComVectors.Get("G4").S("plaintext") },
            { "3 KB: many blocks", string.Concat(Enumerable.Repeat("商机跟进记录;", 150)) },
        };
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public async Task DotNetEncrypt_NodeDecrypts(string why, string message)
    {
        var encrypted = Crypto.Encrypt(message);

        var result = await RunAsync(new JsonObject { ["op"] = "decrypt", ["encodingAESKey"] = WeComVectors.Key, ["encrypt"] = encrypted });

        Assert.True(result["error"] is null, $"{why}: {result["error"]}");
        Assert.Equal(message, (string)result["message"]!);
        Assert.Equal(WeComVectors.CorpId, (string)result["receiveId"]!);
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public async Task NodeEncrypt_DotNetDecrypts(string why, string message)
    {
        var result = await RunAsync(new JsonObject
        {
            ["op"] = "encrypt",
            ["encodingAESKey"] = WeComVectors.Key,
            ["message"] = message,
            ["receiveId"] = WeComVectors.CorpId,
        });

        var decrypted = Crypto.DecryptUnsigned((string)result["encrypt"]!);

        Assert.True(decrypted.IsOk, $"{why}: {decrypted.Reason}");
        Assert.Equal(message, decrypted.Message);
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public async Task Encrypt_SameRandomPrefix_ByteIdenticalToNode(string why, string message)
    {
        var random = Encoding.ASCII.GetBytes("OPPBOTINTEROP016");

        var result = await RunAsync(new JsonObject
        {
            ["op"] = "encrypt",
            ["encodingAESKey"] = WeComVectors.Key,
            ["message"] = message,
            ["receiveId"] = WeComVectors.CorpId,
            ["randomHex"] = Convert.ToHexStringLower(random),
        });

        Assert.True(Crypto.Encrypt(message, random) == (string)result["encrypt"]!, why);
    }

    [Fact]
    public async Task Sign_ManyInputs_SameAsNode()
    {
        // Case differences, digits against letters, '+' '/' '=' and a token that is a prefix of another part:
        // everything the ordinal sort has to get right (vectors S1–S4 and more).
        string[][] inputs =
        [
            ["OppBotToken2024", "1700000000", "1234567890", "abc"],
            ["wecomToken", "1700000000", "Nonce123", "abcDEF"],
            ["zToken", "1700000000", "42", "+/AbC=="],
            ["ab", "1700000000", "a", "abc"],
            ["Z", "z", "_", "0"],
            ["token", "1700000000", "nonce", Crypto.Encrypt("新建商机")],
            ["ABCabc", "abcABC", "aBc", "AbC"],
        ];
        var requests = new JsonArray(inputs.Select(i => (JsonNode)new JsonObject
        {
            ["op"] = "sign",
            ["token"] = i[0],
            ["timestamp"] = i[1],
            ["nonce"] = i[2],
            ["encrypt"] = i[3],
        }).ToArray());

        var results = await RunBatchAsync(requests);

        for (var i = 0; i < inputs.Length; i++)
        {
            Assert.Equal((string)results[i]!["signature"]!, WeComCrypto.Sign(inputs[i][0], inputs[i][1], inputs[i][2], inputs[i][3]));
        }
    }

    [Fact]
    public async Task Vectors_Every_NodeDecryptsAndSignsAsRecorded()
    {
        var vectors = WeComVectors.Section("generated").Concat(WeComVectors.Section("official")).ToList();
        var requests = new JsonArray(vectors.SelectMany(v => new JsonNode[]
        {
            new JsonObject { ["op"] = "decrypt", ["encodingAESKey"] = v.S("encodingAESKey"), ["encrypt"] = v.S("encrypt") },
            new JsonObject { ["op"] = "sign", ["token"] = v.S("token"), ["timestamp"] = v.S("timestamp"), ["nonce"] = v.S("nonce"), ["encrypt"] = v.S("encrypt") },
        }).ToArray());

        var results = await RunBatchAsync(requests);

        for (var i = 0; i < vectors.Count; i++)
        {
            var v = vectors[i];
            Assert.Equal(v.S("plaintext"), (string)results[2 * i]!["message"]!);
            Assert.Equal(v.S("receiveId"), (string)results[2 * i]!["receiveId"]!);
            Assert.Equal(v.S("msgSignature"), (string)results[(2 * i) + 1]!["signature"]!);
        }
    }

    private static async Task<JsonObject> RunAsync(JsonObject request) => (JsonObject)(await RunBatchAsync([request]))[0]!;

    private static async Task<JsonArray> RunBatchAsync(JsonArray requests)
    {
        var result = (await NodeRunner.RunAsync("wecom-crypto.mjs", requests.ToJsonString())).EnsureSuccess();
        return JsonNode.Parse(result.StdOut)!.AsArray();
    }
}
