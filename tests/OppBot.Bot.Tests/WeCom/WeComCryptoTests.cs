using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using OppBot.Adapters.WeCom;

namespace OppBot.Bot.Tests.WeCom;

public sealed class WeComCryptoTests
{
    private static WeComCrypto CreateSut(string? receiveId = null) => new(WeComVectors.Token, WeComVectors.Key, receiveId ?? WeComVectors.CorpId);

    private static WeComCrypto For(string vectorId)
    {
        var v = WeComVectors.Get(vectorId);
        return new WeComCrypto(v.S("token"), v.S("encodingAESKey"), v.S("receiveId"));
    }

    [Theory]
    [MemberData(nameof(WeComVectors.Decryptable), MemberType = typeof(WeComVectors))] // every generated and official vector
    public void Decrypt_Vector_ReturnsPlaintextAndReceiveId(string id)
    {
        var v = WeComVectors.Get(id);

        var result = For(id).Decrypt(v.S("msgSignature"), v.S("timestamp"), v.S("nonce"), v.S("encrypt"));

        Assert.Equal(WeComDecryptStatus.Ok, result.Status);
        Assert.Equal(v.S("plaintext"), result.Message);
        Assert.Equal(v.S("receiveId"), result.ReceiveId);
    }

    [Theory]
    [MemberData(nameof(WeComVectors.Reproducible), MemberType = typeof(WeComVectors))] // G1–G7 and O6 fix the random prefix
    public void Encrypt_VectorRandomPrefix_ReproducesCiphertextByteForByte(string id)
    {
        var v = WeComVectors.Get(id);

        var encrypted = For(id).Encrypt(v.S("plaintext"), Encoding.ASCII.GetBytes(v.S("randomPrefixAscii")));

        Assert.Equal(v.S("encrypt"), encrypted);
        Assert.Equal(v.S("msgSignature"), WeComCrypto.Sign(v.S("token"), v.S("timestamp"), v.S("nonce"), encrypted));
    }

    [Theory]
    [MemberData(nameof(Signatures))] // S1–S4 plus every full vector
    public void Sign_Vector_MatchesMsgSignature(string id)
    {
        var v = WeComVectors.Get(id);

        Assert.Equal(v.S("msgSignature"), WeComCrypto.Sign(v.S("token"), v.S("timestamp"), v.S("nonce"), v.S("encrypt")));
    }

    public static TheoryData<string> Signatures() => WeComVectors.Ids("signatureOnly", "generated", "official");

    [Theory]
    [InlineData("S1")] // "abc" sorts after "OppBotToken2024" ordinally, before it by culture
    [InlineData("S2")] // upper case sorts before lower case ordinally
    public void Sign_CaseMixedInputs_DiffersFromCultureSortedSignature(string id)
    {
        var v = WeComVectors.Get(id);

        var signature = WeComCrypto.Sign(v.S("token"), v.S("timestamp"), v.S("nonce"), v.S("encrypt"));

        Assert.NotEqual(v.S("wrongSignatureIfCultureSorted"), signature);
    }

    [Fact]
    public void Decrypt_TamperedNonce_IsRefusedAsBadSignature()
    {
        var n1 = WeComVectors.Get("N1");

        var result = CreateSut().Decrypt(n1.S("msgSignatureInQuery"), n1.S("timestamp"), n1.S("nonce"), n1.S("encrypt"));

        Assert.Equal(WeComDecryptStatus.BadSignature, result.Status);
        Assert.Equal(-40001, result.Code);
        Assert.Null(result.Message);
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000")] // well-formed but wrong
    [InlineData("3ed8d8d3ab2ae7d60e27ec09229abea0a5aea90")] // one character short
    [InlineData("")] // missing
    public void Decrypt_WrongSignature_IsRefusedAsBadSignature(string signature)
    {
        var g2 = WeComVectors.Get("G2");

        var result = CreateSut().Decrypt(signature, g2.S("timestamp"), g2.S("nonce"), g2.S("encrypt"));

        Assert.Equal(WeComDecryptStatus.BadSignature, result.Status);
    }

    [Fact]
    public void Decrypt_UppercaseSignature_IsAccepted()
    {
        var g2 = WeComVectors.Get("G2");

        var result = CreateSut().Decrypt(g2.S("msgSignature").ToUpperInvariant(), g2.S("timestamp"), g2.S("nonce"), g2.S("encrypt"));

        Assert.Equal(WeComDecryptStatus.Ok, result.Status);
    }

    [Fact]
    public void Decrypt_DoubleUrlDecodedEchostr_IsRefused()
    {
        var n4 = WeComVectors.Get("N4");
        var g1 = WeComVectors.Get("G1");

        var result = CreateSut().Decrypt(n4.S("expectedMsgSignature"), g1.S("timestamp"), g1.S("nonce"), n4.S("badEchostr"));

        Assert.Equal(WeComDecryptStatus.BadSignature, result.Status);
        Assert.Equal(n4.S("recomputedWithBadEchostr"), WeComCrypto.Sign(g1.S("token"), g1.S("timestamp"), g1.S("nonce"), n4.S("badEchostr")));
    }

    [Fact]
    public void Decrypt_OtherCorpId_IsRefusedAsWrongReceiver()
    {
        var n2 = WeComVectors.Get("N2");
        var g2 = WeComVectors.Get("G2");

        var result = CreateSut(n2.S("configuredReceiveId")).Decrypt(g2.S("msgSignature"), g2.S("timestamp"), g2.S("nonce"), g2.S("encrypt"));

        Assert.Equal(WeComDecryptStatus.WrongReceiver, result.Status);
        Assert.Equal(-40005, result.Code);
        Assert.Equal(n2.S("decryptedReceiveId"), result.ReceiveId);
    }

    [Theory]
    [InlineData("G3", 17)] // pad 17: .NET's PaddingMode.PKCS7 throws here
    [InlineData("G5", 32)] // a full 32-byte block of padding
    [InlineData("G7", 27)] // the passive update_button reply
    public void Decrypt_PadAbove16_Succeeds(string id, int pad)
    {
        var v = WeComVectors.Get(id);
        Assert.Equal(pad, (int)v["padByte"]!);

        var result = For(id).DecryptUnsigned(v.S("encrypt"));

        Assert.Equal(v.S("plaintext"), result.Message);
    }

    [Theory]
    [InlineData("G3")] // the reason for PaddingMode.None: these throw with the library's 16-byte PKCS7
    [InlineData("G5")] // pad 32
    [InlineData("G7")] // pad 27
    public void LibraryPkcs7_PadAbove16_Throws(string id)
    {
        // Documents reference N3: if someone "simplifies" to PaddingMode.PKCS7, these vectors break.
        var v = WeComVectors.Get(id);
        using var aes = Aes.Create();
        var key = Convert.FromBase64String(v.S("encodingAESKey") + "=");
        aes.Key = key;

        Assert.ThrowsAny<CryptographicException>(() => aes.DecryptCbc(Convert.FromBase64String(v.S("encrypt")), key.AsSpan(0, 16), PaddingMode.PKCS7));
    }

    [Fact]
    public void Encrypt_LengthMultipleOf32_AddsFullPadBlock()
    {
        // random 16 + length 4 + corp id 18 = 38; a 26-byte message makes 64, a multiple of 32.
        var message = new string('x', 26);
        var sut = CreateSut();

        var encrypted = sut.Encrypt(message, new byte[16]);

        var plain = RawDecrypt(encrypted);
        Assert.Equal(96, plain.Length);
        Assert.All(plain[^32..], b => Assert.Equal(32, b));
        Assert.Equal(message, sut.DecryptUnsigned(encrypted).Message);
    }

    [Fact]
    public void Decrypt_CorruptPaddingByte_IsCorrupt()
    {
        var plain = RawDecrypt(CreateSut().Encrypt("hello", new byte[16]));
        plain[^2] ^= 0x01; // the pad bytes must all equal the pad length

        var result = CreateSut().DecryptUnsigned(RawEncrypt(plain));

        Assert.Equal(WeComDecryptStatus.Corrupt, result.Status);
        Assert.Equal(-40008, result.Code);
    }

    [Theory]
    [InlineData(0)] // pad byte 0 is not a pad
    [InlineData(33)] // larger than WeCom's 32-byte block
    public void Decrypt_PadOutOfRange_IsCorrupt(byte pad)
    {
        var plain = RawDecrypt(CreateSut().Encrypt("hello", new byte[16]));
        plain[^1] = pad;

        var result = CreateSut().DecryptUnsigned(RawEncrypt(plain));

        Assert.Equal(WeComDecryptStatus.Corrupt, result.Status);
    }

    [Fact]
    public void Decrypt_LengthFieldBeyondData_IsCorrupt()
    {
        var plain = RawDecrypt(CreateSut().Encrypt("hello", new byte[16]));
        BinaryPrimitives.WriteUInt32BigEndian(plain.AsSpan(16, 4), 0xFFFFFFF0);

        var result = CreateSut().DecryptUnsigned(RawEncrypt(plain));

        Assert.Equal(WeComDecryptStatus.Corrupt, result.Status);
    }

    [Theory]
    [InlineData(16)] // one AES block: shorter than WeCom's 32-byte minimum
    [InlineData(20)] // not a whole number of AES blocks
    [InlineData(0)] // nothing
    public void Decrypt_TruncatedCiphertext_IsCorrupt(int bytes)
    {
        var full = Convert.FromBase64String(WeComVectors.Get("G2").S("encrypt"));

        var result = CreateSut().DecryptUnsigned(Convert.ToBase64String(full[..bytes]));

        Assert.Equal(WeComDecryptStatus.Corrupt, result.Status);
    }

    [Fact]
    public void Decrypt_LastBlockCutOff_IsCorruptNotException()
    {
        var full = Convert.FromBase64String(WeComVectors.Get("G2").S("encrypt"));

        var result = CreateSut().DecryptUnsigned(Convert.ToBase64String(full[..^32]));

        Assert.NotEqual(WeComDecryptStatus.Ok, result.Status);
    }

    [Fact]
    public void Decrypt_NotBase64_IsCorrupt()
    {
        var result = CreateSut().DecryptUnsigned("not base64 at all!");

        Assert.Equal(WeComDecryptStatus.Corrupt, result.Status);
        Assert.Equal(-40010, result.Code);
    }

    [Fact]
    public void Decrypt_InvalidUtf8Message_IsCorrupt()
    {
        var plain = RawDecrypt(CreateSut().Encrypt("hello", new byte[16]));
        plain[20] = 0xFF; // never valid in UTF-8

        var result = CreateSut().DecryptUnsigned(RawEncrypt(plain));

        Assert.Equal(WeComDecryptStatus.Corrupt, result.Status);
    }

    [Theory]
    [InlineData("新建商机 ACME 华东 50万")] // CJK: msg_len counts bytes, not characters
    [InlineData("𠮷野家 🚀")] // characters outside the BMP (surrogate pairs)
    [InlineData("")] // empty message
    [InlineData("a")] // shortest
    public void EncryptThenDecrypt_Text_RoundTrips(string message)
    {
        var sut = CreateSut();

        var result = sut.DecryptUnsigned(sut.Encrypt(message));

        Assert.Equal(WeComDecryptStatus.Ok, result.Status);
        Assert.Equal(message, result.Message);
    }

    [Fact]
    public void EncryptAndSign_PassiveReply_VerifiesWithSameCrypto()
    {
        var sut = CreateSut();

        var (encrypted, signature) = sut.EncryptAndSign("<xml>hi</xml>", "1700000101", "5566778899");

        Assert.Equal("<xml>hi</xml>", sut.Decrypt(signature, "1700000101", "5566778899", encrypted).Message);
    }

    [Theory]
    [InlineData("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", true)] // official key whose last char has unused bits set: does not round-trip, still valid
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8", true)] // the generated vectors' key
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh", false)] // 42 characters
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", false)] // 44: already has the "="
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdH!8", false)] // not Base64
    [InlineData("", false)] // not configured
    public void TryParseKey_Input_AcceptsOnly43CharBase64Of32Bytes(string key, bool valid)
    {
        Assert.Equal(valid, WeComCrypto.TryParseKey(key, out var bytes));
        Assert.Equal(valid ? 32 : 0, bytes.Length);
    }

    [Fact]
    public void Constructor_BadKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => new WeComCrypto("t", "short", WeComVectors.CorpId));
    }

    private static byte[] RawDecrypt(string encrypted)
    {
        var key = Convert.FromBase64String(WeComVectors.Key + "=");
        using var aes = Aes.Create();
        aes.Key = key;
        return aes.DecryptCbc(Convert.FromBase64String(encrypted), key.AsSpan(0, 16), PaddingMode.None);
    }

    private static string RawEncrypt(byte[] plain)
    {
        var key = Convert.FromBase64String(WeComVectors.Key + "=");
        using var aes = Aes.Create();
        aes.Key = key;
        return Convert.ToBase64String(aes.EncryptCbc(plain, key.AsSpan(0, 16), PaddingMode.None));
    }
}
