/**
 * A page opened from disk (file://) has no origin to start module workers from, so the viewer hides
 * `Worker` before anything asks for one: the graph layout then runs on the page's own thread, as it
 * already does for small graphs and wherever workers do not exist.
 */
Reflect.deleteProperty(globalThis, 'Worker');
