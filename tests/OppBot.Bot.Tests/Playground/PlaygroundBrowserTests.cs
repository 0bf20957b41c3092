using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OppBot.Bot.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace OppBot.Bot.Tests.Playground;

/// <summary>
/// The playground in a real browser: the host on a loopback port (Kestrel), Microsoft's Web Chat from the build's bundle,
/// headless Chromium from the machine (Debian's <c>chromium</c> package, driven by Playwright). Written for a slow
/// two-core machine: every step waits for what it needs to see, with generous timeouts, and nothing sleeps.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PlaygroundBrowserTests : IAsyncLifetime
{
    /// <summary>Where the Chromium to use is; <c>OPPBOT_CHROMIUM</c> overrides Debian's path.</summary>
    private static readonly string ChromiumPath = Environment.GetEnvironmentVariable("OPPBOT_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static readonly float Timeout = (float)TimeSpan.FromSeconds(90).TotalMilliseconds;

    private readonly PlaygroundFactory _factory = new(new Dictionary<string, string?> { ["Playground:Demo"] = "true" });
    private readonly string _profile = Path.Combine(Path.GetTempPath(), "oppbot-chromium-" + Guid.NewGuid().ToString("N"));
    private IPlaywright? _playwright;
    private IBrowserContext? _browser;

    public async Task InitializeAsync()
    {
        Assert.True(
            File.Exists(ChromiumPath),
            $"Chromium is not installed at {ChromiumPath}: the playground's browser test needs it. Install it with `apt-get install -y chromium` " +
            "(.ci/run does), or point OPPBOT_CHROMIUM at a Chromium or Chrome binary.");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchPersistentContextAsync(_profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
            ViewportSize = new ViewportSize { Width = 1440, Height = 960 },
            Locale = "zh-CN",
            Timeout = Timeout,
        });
        _browser.SetDefaultTimeout(Timeout);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        await _factory.DisposeAsync();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be letting go of its profile; the temp folder is cleaned by the OS.
        }
    }

    [Fact]
    public async Task Playground_RepCapturesALeadAndTheManagerApprovesIt_TheCardChangesInPlace()
    {
        var root = _factory.StartKestrel();
        var page = _browser!.Pages.Count > 0 ? _browser.Pages[0] : await _browser.NewPageAsync();
        try
        {
            await StoryAsync(page, root);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // What the browser showed, for whoever reads the failure.
            var picture = Path.Combine(Path.GetTempPath(), "oppbot-playground-failure.png");
            await page.ScreenshotAsync(new() { Path = picture, FullPage = true });
            await File.WriteAllTextAsync(Path.ChangeExtension(picture, ".html"), await page.ContentAsync());
            throw new Xunit.Sdk.XunitException($"{ex.Message}\nScreenshot: {picture} (and the page's HTML next to it).");
        }
    }

    private static async Task StoryAsync(IPage page, Uri root)
    {
        await page.GotoAsync(root.ToString());
        await Expect(page.Locator("#people button[aria-pressed='true']")).ToHaveCountAsync(1, new() { Timeout = Timeout });

        // 韩梅梅 (a rep, English) opens the lead form and fills it: a ¥1.5m deal, which needs approval for Proposal.
        await page.Locator("#people button[data-person='demo-rep-2']").ClickAsync();
        var rep = page.Locator("#chat-demo-rep-2");
        await Expect(rep.Locator(".ac-adaptiveCard").Filter(new() { HasText = "What OppBot can do" })).ToBeVisibleAsync(new() { Timeout = Timeout });
        await SayAsync(rep, "new lead");
        var form = rep.Locator(".ac-adaptiveCard").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Create" }) }).Last;
        await form.GetByRole(AriaRole.Textbox, new() { Name = "Company", Exact = true }).FillAsync("Proseware 上海");
        await form.GetByRole(AriaRole.Textbox, new() { Name = "Title", Exact = true }).FillAsync("Contact centre rollout");
        await form.GetByRole(AriaRole.Textbox, new() { Name = "Amount", Exact = true }).FillAsync("1.5m");
        await form.GetByRole(AriaRole.Textbox, new() { Name = "Contact", Exact = true }).FillAsync("Ann Lee");
        await form.GetByRole(AriaRole.Textbox, new() { Name = "Decision maker", Exact = true }).FillAsync("Bob Chen (CIO)");
        await form.GetByRole(AriaRole.Checkbox, new() { Name = "Need confirmed (N)" }).CheckAsync();
        await form.GetByRole(AriaRole.Checkbox, new() { Name = "Budget known (B)" }).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();

        var created = Said(rep, CreatedDeal());
        await Expect(created).ToBeVisibleAsync(new() { Timeout = Timeout });
        var number = CreatedDeal().Match(await created.InnerTextAsync()).Groups[1].Value;

        // The deal is in "my deals".
        await SayAsync(rep, "my deals");
        var mine = rep.Locator(".ac-adaptiveCard").Filter(new() { HasText = "My deals" }).Last;
        await Expect(mine).ToContainTextAsync("Contact centre rollout", new() { Timeout = Timeout });

        // Two steps forward: Qualified, then Proposal, which asks the manager.
        await SayAsync(rep, $"advance #{number}");
        await Expect(Said(rep, $"#{number} moved to Qualified")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await SayAsync(rep, $"advance #{number}");
        await Expect(Said(rep, $"Moving #{number} to Proposal needs approval")).ToBeVisibleAsync(new() { Timeout = Timeout });

        // 王芳 (the manager, Chinese) finds the approval card in her chat and approves.
        await page.Locator("#people button[data-person='demo-manager']").ClickAsync();
        var manager = page.Locator("#chat-demo-manager");
        var approval = manager.Locator(".ac-adaptiveCard").Filter(new() { HasText = $"审批：#{number} 阶段推进" });
        await Expect(approval.GetByRole(AriaRole.Button, new() { Name = "批准" })).ToBeVisibleAsync(new() { Timeout = Timeout });
        await approval.GetByRole(AriaRole.Textbox).FillAsync("同意，注意回款节奏");
        await approval.GetByRole(AriaRole.Button, new() { Name = "批准" }).ClickAsync();

        // The same card, updated where it was: decided, and no buttons any more.
        await Expect(approval).ToContainTextAsync("已批准", new() { Timeout = Timeout });
        await Expect(approval).ToHaveCountAsync(1);
        await Expect(approval.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await Expect(Said(manager, $"#{number} 已进入「方案报价」")).ToBeVisibleAsync(new() { Timeout = Timeout });

        // The move is broadcast to the team channel; the picture for the README.
        var broadcast = page.Locator("#channel-demo-manager .ac-adaptiveCard").Filter(new() { HasText = $"#{number}" }).Filter(new() { HasText = "方案报价" });
        await Expect(broadcast.Last).ToBeVisibleAsync(new() { Timeout = Timeout });
        await page.ScreenshotAsync(new() { Path = Path.Combine(NodeRunner.RepoRoot, "docs", "playground.png") });
    }

    // A text message in the transcript (Web Chat also keeps a copy in a live region for screen readers: not that one).
    private static ILocator Said(ILocator chat, string text) => chat.Locator("[aria-roledescription='message'] p").Filter(new() { HasText = text }).Last;

    private static ILocator Said(ILocator chat, Regex text) => chat.Locator("[aria-roledescription='message'] p").Filter(new() { HasTextRegex = text }).Last;

    // Types into this person's Web Chat and sends, as a user does; Web Chat empties the box once it took the message.
    private static async Task SayAsync(ILocator chat, string text)
    {
        var box = chat.Locator("[data-id='webchat-sendbox-input']");
        await box.FillAsync(text);
        await box.PressAsync("Enter");
        await Expect(box).ToHaveValueAsync(string.Empty, new() { Timeout = Timeout });
    }

    [GeneratedRegex(@"Created deal #(\d+)")]
    private static partial Regex CreatedDeal();
}
