using System.Text;
using OppBot.Bot.Webhooks;

namespace OppBot.Bot.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec-0123456789abcdef";
    private const string Body = """{"id":"0b9a4e3c-5a43-4a7a-8b8c-3c1e8a0d2f55","type":"opportunity.won"}""";
    private static readonly DateTimeOffset At = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Header_KnownInput_IsHmacSha256OverTimestampDotBody()
    {
        // Computed independently: printf '%s' '1795572000.{body}' | openssl dgst -sha256 -hmac 'whsec-0123456789abcdef'
        var header = WebhookSignature.Header(Secret, At.ToUnixTimeSeconds(), Body);

        Assert.Equal("t=1795572000,v1=83ee7f0d387fdacf1d3043fab8c7a56e1bae3dbf830d11f84ea10dde6b197d17", header);
    }

    [Fact]
    public void Verify_WhatWasSigned_IsValid()
    {
        var header = WebhookSignature.Header(Secret, At.ToUnixTimeSeconds(), Body);

        Assert.True(WebhookSignature.Verify(Secret, header, Encoding.UTF8.GetBytes(Body), At.AddSeconds(30), TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData(Body + " ", 0, Secret)] // body changed by one byte
    [InlineData(Body, 600, Secret)] // replayed ten minutes later
    [InlineData(Body, 0, "whsec-someone-else-entirely")] // signed with another secret
    public void Verify_TamperedReplayedOrForeign_IsRefused(string received, int secondsLater, string secret)
    {
        var header = WebhookSignature.Header(secret, At.ToUnixTimeSeconds(), Body);

        Assert.False(WebhookSignature.Verify(Secret, header, Encoding.UTF8.GetBytes(received), At.AddSeconds(secondsLater), TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData(null)] // no header
    [InlineData("")] // empty
    [InlineData("v1=abc")] // no timestamp
    [InlineData("t=abc,v1=abc")] // timestamp not a number
    [InlineData("t=99999999999999999,v1=abc")] // timestamp beyond any date
    public void Verify_MalformedHeader_IsRefusedWithoutThrowing(string? header)
    {
        Assert.False(WebhookSignature.Verify(Secret, header, Encoding.UTF8.GetBytes(Body), At, TimeSpan.FromMinutes(5)));
    }
}
