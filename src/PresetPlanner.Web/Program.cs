using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using PresetPlanner.Web.Components;

WebAssemblyHostBuilder builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<PlannerPage>("#app");
await builder.Build().RunAsync().ConfigureAwait(false);
