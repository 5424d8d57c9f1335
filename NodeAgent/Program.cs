using EventOrch.ClientRuntime.Hosting;
using EventOrch.NodeAgent;
using EventOrch.NodeAgent.Pods;

var builder = WebApplication.CreateBuilder(NodeAgentServiceExtensions.TranslateSwitches(args));
builder.AddNodeAgentServices();

var app = builder.Build();
app.MapComponentEndpoints();
app.MapContainerLogs();
app.Run();
