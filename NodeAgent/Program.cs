using EventOrch.ClientRuntime.Hosting;
using EventOrch.NodeAgent;

var builder = WebApplication.CreateBuilder(args);
builder.AddNodeAgentServices();

var app = builder.Build();
app.MapComponentEndpoints();
app.Run();
