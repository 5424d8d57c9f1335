using EventOrch.ClientRuntime.Hosting;
using EventOrch.Scheduler;

var builder = WebApplication.CreateBuilder(args);
builder.AddSchedulerServices();

var app = builder.Build();
app.MapComponentEndpoints();
app.MapSchedulerEndpoints();
app.Run();
