using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace PresetPlanner.Web.Tests;

/// <summary>
/// The page as users host it: <c>dotnet publish</c> of src/PresetPlanner.Web into a temporary folder (once per test
/// run, shared by the tests of <see cref="PublishedSiteGroup"/>), its static files served, where Chromium is
/// installed to browse them, by a plain Kestrel static-file server on a free localhost port (no Blazor-specific server).
/// </summary>
public sealed class PublishedSite : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("presetplanner-web-").FullName;
    private WebApplication? _server;

    /// <summary>The site's address, ending in "/"; empty where Chromium is not installed.</summary>
    public string Url { get; private set; } = string.Empty;

    /// <summary>The published static files (wwwroot).</summary>
    public string Root => Path.Combine(_folder, "wwwroot");

    public async Task InitializeAsync()
    {
        string project = Path.Combine(Repository.Root, "src", "PresetPlanner.Web");
        // A configuration of its own, so that its bin/obj folders never meet the packaging tests' Release builds, which
        // run at the same time in another test assembly.
        var publish = Process.Start(new ProcessStartInfo("dotnet", ["publish", project, "-c", "BrowserTest", "-p:Optimize=true", "-o", _folder]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        string log = await publish.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await publish.WaitForExitAsync().ConfigureAwait(false);
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet publish failed:\n" + log);
        }

        if (BrowserFactAttribute.Chromium is null)
        {
            return;
        }

        string root = Root;
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".dat"] = "application/octet-stream";
        var files = new PhysicalFileProvider(root);
        _server.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        _server.UseStaticFiles(new StaticFileOptions { FileProvider = files, ContentTypeProvider = types, ServeUnknownFileTypes = true });
        await _server.StartAsync().ConfigureAwait(false);
        Url = _server.Urls.First() + "/";
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        Directory.Delete(_folder, recursive: true);
    }
}
