using OppBot.Domain.Imports;
using OppBot.Domain.People;

namespace OppBot.Domain.Tests.Imports;

public sealed class DealCsvColumnsTests
{
    public static TheoryData<DealColumn, string> ExportHeaders()
    {
        var data = new TheoryData<DealColumn, string>();
        foreach (var column in Enum.GetValues<DealColumn>())
        {
            data.Add(column, Locales.Chinese);
            data.Add(column, Locales.English);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ExportHeaders))]
    public void Find_EveryExportHeader_MapsBackToItsColumn(DealColumn column, string locale)
    {
        // The round trip depends on it: what the export writes, the import reads.
        Assert.Equal((column, 1m), DealCsvColumns.Find(DealCsvColumns.Header(column, locale)));
    }

    [Theory]
    [InlineData("客户名称", DealColumn.Account)] // the brief's Chinese name
    [InlineData("公司", DealColumn.Account)] // a common synonym
    [InlineData("Company", DealColumn.Account)] // English, capitalised
    [InlineData("ACCOUNT", DealColumn.Account)] // case does not matter
    [InlineData("商机名称", DealColumn.Title)]
    [InlineData("标题", DealColumn.Title)]
    [InlineData("金额", DealColumn.Amount)]
    [InlineData(" Amount ", DealColumn.Amount)] // spaces around
    [InlineData("阶段", DealColumn.Stage)]
    [InlineData("来源", DealColumn.Source)]
    [InlineData("联系人", DealColumn.Contact)]
    [InlineData("电话", DealColumn.Phone)]
    [InlineData("邮箱", DealColumn.Email)]
    [InlineData("决策人", DealColumn.DecisionMaker)]
    [InlineData("decision maker", DealColumn.DecisionMaker)] // two words
    [InlineData("decision_maker", DealColumn.DecisionMaker)] // snake case from a script
    [InlineData("负责人", DealColumn.Owner)]
    [InlineData("下一步", DealColumn.NextStep)]
    [InlineData("下一步时间", DealColumn.NextStepDue)]
    [InlineData("next step due", DealColumn.NextStepDue)]
    [InlineData("输单原因", DealColumn.LossReason)]
    [InlineData("客户名称*", DealColumn.Account)] // templates mark required columns with a star
    [InlineData("ＡＭＯＵＮＴ", DealColumn.Amount)] // full-width letters from a Chinese IME
    public void Find_KnownHeader_NamesItsColumn(string header, DealColumn column)
    {
        Assert.Equal(column, DealCsvColumns.Find(header)?.Column);
    }

    [Theory]
    [InlineData("金额(万元)", 10_000)] // amounts written in 万
    [InlineData("金额（万元）", 10_000)] // full-width brackets
    [InlineData("金额(元)", 1)] // yuan: nothing to multiply
    [InlineData("Amount (CNY)", 1)]
    [InlineData("报价金额(万元)", 10_000)] // the quote too
    public void Find_MoneyWithUnit_GivesTheMultiplier(string header, int multiplier)
    {
        Assert.Equal((decimal)multiplier, DealCsvColumns.Find(header)?.Multiplier);
    }

    [Theory]
    [InlineData("金额(千美元)")] // a unit not understood is not guessed at
    [InlineData("备注")] // a column OppBot has no field for
    [InlineData("")] // nothing
    public void Find_UnknownHeader_IsNull(string header)
    {
        Assert.Null(DealCsvColumns.Find(header));
    }
}
