using OppBot.Domain.Opportunities;
using static OppBot.Domain.Tests.TestData;

namespace OppBot.Domain.Tests.Opportunities;

public class DuplicateFinderTests
{
    [Theory]
    [InlineData("华为技术有限公司", "华为技术")] // suffix
    [InlineData("华为技术股份有限公司", "华为技术")] // another legal form
    [InlineData("ＨＵＡＷＥＩ Technologies Co., Ltd.", "huawei technologies")] // width and English suffix
    public void Find_SameCompanyWrittenDifferently_IsADuplicate(string existing, string newName)
    {
        var old = Deal(Rep("Owner"), draft: Draft(account: existing));
        var draft = Draft(account: newName);

        var matches = DuplicateFinder.Find(draft, [old]);

        Assert.Equal(DuplicateReason.CompanyName, Assert.Single(matches).Reason);
    }

    [Fact]
    public void Find_SameEmailDomain_IsADuplicate()
    {
        var old = Deal(Rep(), draft: Draft(account: "Acme") with { ContactEmail = "li@acme.cn" });

        var matches = DuplicateFinder.Find(Draft(account: "Acme Holdings Shanghai") with { ContactEmail = "wang@ACME.cn" }, [old]);

        Assert.Equal(DuplicateReason.EmailDomain, Assert.Single(matches).Reason);
    }

    [Fact]
    public void Find_FreeMailDomain_IsNotADuplicate()
    {
        var old = Deal(Rep(), draft: Draft(account: "Acme") with { ContactEmail = "a@qq.com" });

        Assert.Empty(DuplicateFinder.Find(Draft(account: "Other") with { ContactEmail = "b@qq.com" }, [old]));
    }

    [Fact]
    public void Find_SamePhone_IsADuplicate()
    {
        var old = Deal(Rep(), draft: Draft(account: "Acme") with { ContactPhone = "+86 138-0013-8000" });

        var matches = DuplicateFinder.Find(Draft(account: "Other") with { ContactPhone = "13800138000" }, [old]);

        Assert.Equal(DuplicateReason.Phone, Assert.Single(matches).Reason);
    }

    [Fact]
    public void Find_ClosedDeal_IsNotADuplicate()
    {
        var rep = Rep();
        var old = Deal(rep);
        old.Lose(rep, "price", null, DomainSettings.Default, Now);

        Assert.Empty(DuplicateFinder.Find(Draft(), [old]));
    }
}
