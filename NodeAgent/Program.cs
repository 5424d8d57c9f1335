using EventOrch.ClientRuntime.Hosting;
using EventOrch.NodeAgent;

var builder = WebApplication.CreateBuilder(NodeAgentServiceExtensions.TranslateSwitches(args));
builder.AddNodeAgentServices();

var app = builder.Build();
app.MapComponentEndpoints();
app.Run();
