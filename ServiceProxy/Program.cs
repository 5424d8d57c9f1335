using EventOrch.ClientRuntime.Hosting;
using EventOrch.ServiceProxy;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceProxyServices();

var app = builder.Build();
app.MapComponentEndpoints();
app.Run();
