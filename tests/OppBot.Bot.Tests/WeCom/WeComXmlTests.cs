using OppBot.Adapters.WeCom;

namespace OppBot.Bot.Tests.WeCom;

public sealed class WeComXmlTests
{
    [Fact]
    public void ParseEnvelope_VectorPostBody_ReadsEncryptAndAgentId()
    {
        var g2 = WeComVectors.Get("G2");

        var result = WeComXml.ParseEnvelope(g2.S("postBody"));

        Assert.True(result.IsOk, result.Error);
        Assert.Equal(g2.S("encrypt"), result.Value!.Encrypt);
        Assert.Equal("ww0123456789abcdef", result.Value.ToUserName);
        Assert.Equal("1000002", result.Value.AgentId);
    }

    [Fact]
    public void ParseMessage_TextVector_ReadsEveryField()
    {
        var result = WeComXml.ParseMessage(WeComVectors.Get("G2").S("plaintext"));

        Assert.True(result.IsOk, result.Error);
        var m = result.Value!;
        Assert.Equal("zhangsan", m.FromUserName);
        Assert.Equal("ww0123456789abcdef", m.ToUserName);
        Assert.Equal(1700000100, m.CreateTime);
        Assert.Equal("text", m.MsgType);
        Assert.Equal("新建商机 ACME 华东 50万", m.Content);
        Assert.Equal("7300000000000000001", m.MsgId); // 64-bit, kept as text
        Assert.Equal("1000002", m.AgentId);
    }

    [Fact]
    public void ParseMessage_MultipleInteractionVector_ReadsSelectedItems()
    {
        var result = WeComXml.ParseMessage(WeComVectors.Get("G4").S("plaintext"));

        var m = result.Value!;
        Assert.Equal("template_card_event", m.Event);
        Assert.Equal("submit_stage", m.EventKey);
        Assert.Equal("opp-42-stage-1", m.TaskId);
        Assert.Equal("multiple_interaction", m.CardType);
        Assert.Equal("RESPONSECODE_EXAMPLE_0002", m.ResponseCode);
        Assert.Collection(
            m.SelectedItems,
            i => { Assert.Equal("stage", i.QuestionKey); Assert.Equal(["negotiation"], i.OptionIds); },
            i => { Assert.Equal("risk", i.QuestionKey); Assert.Equal(["budget", "competitor"], i.OptionIds); });
    }

    [Theory]
    [InlineData("O2")] // elements without CDATA (Tencent's python sample)
    [InlineData("O4")] // newlines between elements
    [InlineData("G5")] // event with an empty EventKey
    public void ParseMessage_OtherVectors_Parse(string id)
    {
        Assert.True(WeComXml.ParseMessage(WeComVectors.Get(id).S("plaintext")).IsOk);
    }

    [Fact]
    public void ParseMessage_ExternalEntity_IsRefused()
    {
        const string Xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE xml [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <xml><FromUserName>&xxe;</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType></xml>
            """;

        var result = WeComXml.ParseMessage(Xxe);

        Assert.False(result.IsOk);
        Assert.Contains("DTD", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseEnvelope_BillionLaughs_IsRefusedWithoutExpanding()
    {
        const string Lol = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol "lol">
              <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
            ]>
            <xml><Encrypt>&lol4;</Encrypt></xml>
            """;

        var result = WeComXml.ParseEnvelope(Lol);

        Assert.False(result.IsOk);
        Assert.Contains("DTD", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseEnvelope_InternalDtdWithoutEntities_IsRefused()
    {
        var result = WeComXml.ParseEnvelope("<!DOCTYPE xml><xml><Encrypt>abc</Encrypt></xml>");

        Assert.False(result.IsOk);
    }

    [Fact]
    public void ParseEnvelope_Oversized_IsRefused()
    {
        var xml = "<xml><Encrypt>" + new string('A', WeComXml.MaxCharacters) + "</Encrypt></xml>";

        var result = WeComXml.ParseEnvelope(xml);

        Assert.False(result.IsOk);
        Assert.Contains("too large", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<xml><ToUserName>ww</ToUserName></xml>", "missing Encrypt")] // no Encrypt
    [InlineData("<xml><Encrypt></Encrypt></xml>", "missing Encrypt")] // empty Encrypt
    [InlineData("<other><Encrypt>abc</Encrypt></other>", "root")] // wrong root element
    [InlineData("<xml><Encrypt>abc</Encrypt>", "malformed")] // unclosed
    [InlineData("", "empty")] // empty body
    [InlineData("Encrypt=abc", "malformed")] // not XML
    public void ParseEnvelope_Malformed_ReturnsError(string xml, string error)
    {
        var result = WeComXml.ParseEnvelope(xml);

        Assert.False(result.IsOk);
        Assert.Contains(error, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<xml><CreateTime>1</CreateTime><MsgType>text</MsgType></xml>", "FromUserName")] // no sender
    [InlineData("<xml><FromUserName>a</FromUserName><CreateTime>1</CreateTime></xml>", "MsgType")] // no type
    [InlineData("<xml><FromUserName>a</FromUserName><MsgType>text</MsgType></xml>", "CreateTime")] // no time
    [InlineData("<xml><FromUserName>a</FromUserName><CreateTime>soon</CreateTime><MsgType>text</MsgType></xml>", "CreateTime")] // time not a number
    public void ParseMessage_MissingRequiredField_ReturnsErrorNamingIt(string xml, string field)
    {
        var result = WeComXml.ParseMessage(xml);

        Assert.False(result.IsOk);
        Assert.Contains(field, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseMessage_UnknownElements_AreIgnored()
    {
        var result = WeComXml.ParseMessage(
            "<xml><FromUserName>a</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Future><X>1</X></Future></xml>");

        Assert.True(result.IsOk);
    }

    [Fact]
    public void ParseMessage_AgentIdInCdataWithSpaces_IsTrimmed()
    {
        var result = WeComXml.ParseMessage(
            "<xml><FromUserName>a</FromUserName><CreateTime> 1 </CreateTime><MsgType>event</MsgType><AgentID><![CDATA[ 1000002 ]]></AgentID></xml>");

        Assert.Equal("1000002", result.Value!.AgentId);
        Assert.Equal(1, result.Value.CreateTime);
    }
}
