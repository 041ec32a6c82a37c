namespace PresetPlanner.Web.Tests;

/// <summary>The tests that read the published page share one <c>dotnet publish</c> (<see cref="PublishedSite"/>).</summary>
[CollectionDefinition(Name)]
public sealed class PublishedSiteGroup : ICollectionFixture<PublishedSite>
{
    public const string Name = "published site";
}
