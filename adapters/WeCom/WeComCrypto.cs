using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace OppBot.Adapters.WeCom;

/// <summary>
/// WeCom's callback crypto (shared/reference/wecom.md §2): a SHA1 signature over the ordinally sorted
/// token, timestamp, nonce and ciphertext; AES-256-CBC with key = Base64(EncodingAESKey + "="), IV = the key's
/// first 16 bytes, PKCS#7 padding to a 32-byte block added and removed here (.NET's PKCS7 mode checks 16-byte
/// blocks and throws for pads 17–32, about half of all messages), plaintext =
/// random(16) | length (uint32 big-endian) | message | receiveid.
/// </summary>
internal sealed class WeComCrypto
{
    /// <summary>WeCom pads to a 32-byte block, not AES's 16.</summary>
    public const int PadBlock = 32;

    private const int RandomLength = 16;
    private const int HeaderLength = RandomLength + 4;

    // Strict: a message that is not valid UTF-8 is corrupt, not something to guess at.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string _token;
    private readonly byte[] _key;
    private readonly string _receiveId;

    public WeComCrypto(string token, string encodingAESKey, string receiveId)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentNullException.ThrowIfNull(receiveId);
        if (!TryParseKey(encodingAESKey, out var key))
        {
            throw new ArgumentException("EncodingAESKey must be 43 Base64 characters that decode to 32 bytes.", nameof(encodingAESKey));
        }

        _token = token;
        _key = key;
        _receiveId = receiveId;
    }

    /// <summary>
    /// Decodes an EncodingAESKey. Never validate by re-encoding: official keys carry non-zero unused bits in
    /// their last character and do not round-trip (reference §2.1).
    /// </summary>
    public static bool TryParseKey(string? encodingAESKey, out byte[] key)
    {
        key = [];
        if (encodingAESKey is not { Length: 43 })
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[33];
        if (!Convert.TryFromBase64String(encodingAESKey + "=", buffer, out var written) || written != 32)
        {
            return false;
        }

        key = buffer[..32].ToArray();
        return true;
    }

    /// <summary>
    /// lowercase hex SHA1 of the four strings sorted ordinally and concatenated. The sort must be ordinal:
    /// the default string sort is culture-aware and puts "abc" before "OppBotToken2024" (vectors S1, S2).
    /// </summary>
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "WeCom's signature is SHA1 by protocol.")]
    public static string Sign(string token, string timestamp, string nonce, string encrypt)
    {
        string[] parts = [token, timestamp, nonce, encrypt];
        Array.Sort(parts, StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(parts))));
    }

    /// <summary>Checks a msg_signature in constant time. timestamp and nonce are hashed exactly as received.</summary>
    public bool VerifySignature(string? signature, string timestamp, string nonce, string encrypt)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(_token, timestamp, nonce, encrypt));
        var actual = Encoding.UTF8.GetBytes(signature.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>Verifies the signature, then decrypts and checks the receiveid. Never throws for bad input.</summary>
    public WeComDecryptResult Decrypt(string? signature, string timestamp, string nonce, string encrypt)
    {
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(nonce);
        ArgumentNullException.ThrowIfNull(encrypt);
        return VerifySignature(signature, timestamp, nonce, encrypt)
            ? DecryptUnsigned(encrypt)
            : WeComDecryptResult.Refused(WeComDecryptStatus.BadSignature, -40001, "signature mismatch");
    }

    /// <summary>Decrypts without looking at a signature. Only for data whose signature was checked, and for tests.</summary>
    public WeComDecryptResult DecryptUnsigned(string encrypt)
    {
        var maxBytes = (encrypt.Length / 4 * 3) + 3;
        var cipher = new byte[maxBytes];
        if (!Convert.TryFromBase64String(encrypt, cipher, out var cipherLength))
        {
            return WeComDecryptResult.Refused(WeComDecryptStatus.Corrupt, -40010, "not Base64");
        }

        if (cipherLength < PadBlock || cipherLength % 16 != 0)
        {
            return WeComDecryptResult.Refused(WeComDecryptStatus.Corrupt, -40007, "ciphertext length is not a positive multiple of the AES block");
        }

        byte[] plain;
        using (var aes = Aes.Create())
        {
            aes.Key = _key;
            plain = aes.DecryptCbc(cipher.AsSpan(0, cipherLength), _key.AsSpan(0, 16), PaddingMode.None);
        }

        var pad = plain[^1];
        if (pad is < 1 or > PadBlock || pad > plain.Length)
        {
            return WeComDecryptResult.Refused(WeComDecryptStatus.Corrupt, -40008, "padding out of range");
        }

        for (var i = plain.Length - pad; i < plain.Length; i++)
        {
            if (plain[i] != pad)
            {
                return WeComDecryptResult.Refused(WeComDecryptStatus.Corrupt, -40008, "padding bytes differ");
            }
        }

        var unpadded = plain.Length - pad;
        if (unpadded < HeaderLength)
        {
            return WeComDecryptResult.Refused(WeComDecryptStatus.Corrupt, -40008, "shorter than the header");
        }

        long messageLength = BinaryPrimitives.ReadUInt32BigEndian(plain.AsSpan(RandomLength, 4));
        if (HeaderLength + messageLength > unpadded)
        {
            return WeComDecryptResult.Refused(WeComDecryptStatus.Corrupt, -40008, "length field beyond the data");
        }

        string message;
        string receiveId;
        try
        {
            message = StrictUtf8.GetString(plain, HeaderLength, (int)messageLength);
            var idStart = HeaderLength + (int)messageLength;
            receiveId = StrictUtf8.GetString(plain, idStart, unpadded - idStart);
        }
        catch (DecoderFallbackException)
        {
            return WeComDecryptResult.Refused(WeComDecryptStatus.Corrupt, -40008, "not UTF-8");
        }

        // The receiveid stops another corp's (or app type's) ciphertext under the same key from being accepted.
        return string.Equals(receiveId, _receiveId, StringComparison.Ordinal)
            ? new WeComDecryptResult(WeComDecryptStatus.Ok, 0, null, message, receiveId)
            : new WeComDecryptResult(WeComDecryptStatus.WrongReceiver, -40005, "receiveid differs from the corp id", message, receiveId);
    }

    /// <summary>Encrypts with 16 fresh random bytes.</summary>
    public string Encrypt(string message) => Encrypt(message, RandomNumberGenerator.GetBytes(RandomLength));

    /// <summary>Encrypts with the given 16 random bytes (fixed in tests to reproduce vectors byte for byte).</summary>
    public string Encrypt(string message, ReadOnlySpan<byte> random)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (random.Length != RandomLength)
        {
            throw new ArgumentException("WeCom's random prefix is 16 bytes.", nameof(random));
        }

        var messageBytes = Encoding.UTF8.GetBytes(message);
        var idBytes = Encoding.UTF8.GetBytes(_receiveId);
        var unpadded = HeaderLength + messageBytes.Length + idBytes.Length;

        // Always pad, 1..32 bytes: a full block of 32 when the length is already a multiple (reference §7.2).
        var pad = PadBlock - (unpadded % PadBlock);
        var plain = new byte[unpadded + pad];
        random.CopyTo(plain);
        BinaryPrimitives.WriteUInt32BigEndian(plain.AsSpan(RandomLength, 4), (uint)messageBytes.Length);
        messageBytes.CopyTo(plain, HeaderLength);
        idBytes.CopyTo(plain, HeaderLength + messageBytes.Length);
        plain.AsSpan(unpadded).Fill((byte)pad);

        using var aes = Aes.Create();
        aes.Key = _key;
        return Convert.ToBase64String(aes.EncryptCbc(plain, _key.AsSpan(0, 16), PaddingMode.None));
    }

    /// <summary>Encrypts and signs a passive reply with the given timestamp and nonce (the request's may be reused).</summary>
    public (string Encrypt, string Signature) EncryptAndSign(string message, string timestamp, string nonce)
    {
        var encrypted = Encrypt(message);
        return (encrypted, Sign(_token, timestamp, nonce, encrypted));
    }
}

/// <summary>Why a ciphertext was refused; the numbers are the Tencent samples' codes, for logs.</summary>
internal enum WeComDecryptStatus
{
    Ok,
    BadSignature,
    Corrupt,
    WrongReceiver,
}

/// <summary>The outcome of <see cref="WeComCrypto.Decrypt"/>.</summary>
/// <param name="Code">0, or the Tencent sample error code (-40001 signature, -40005 receiveid, -40007/-40008/-40010 corrupt).</param>
/// <param name="Reason">A short reason for logs; never contains message text.</param>
/// <param name="Message">The decrypted message (also set for <see cref="WeComDecryptStatus.WrongReceiver"/>, for tests).</param>
/// <param name="ReceiveId">The receiveid found in the plaintext.</param>
internal sealed record WeComDecryptResult(WeComDecryptStatus Status, int Code, string? Reason, string? Message, string? ReceiveId)
{
    public bool IsOk => Status == WeComDecryptStatus.Ok;

    public static WeComDecryptResult Refused(WeComDecryptStatus status, int code, string reason) => new(status, code, reason, null, null);
}
