namespace Invoke.WebUi.BrowserTests.Testing;

/// <summary>Every browser test shares one Invoke serving the UI and one Chromium, one test at a time.</summary>
[CollectionDefinition(Name)]
public sealed class WebUiCollection : ICollectionFixture<WebUiSession>
{
    public const string Name = "Web UI";
}
