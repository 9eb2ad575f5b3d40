// Evaluated once in every script context: returns the function that runs one method call.
// It keeps its own copies of what it uses, so a script that changes JSON, Promise or a prototype
// spoils nothing but its own results. Only JSON text crosses to the host (the bridge).
(function () {
    'use strict';
    // the shell's file loaders: the sandbox refuses them anyway, a script has no use for them
    delete globalThis.load;
    delete globalThis.loadWithNewGlobal;
    const stringify = JSON.stringify;
    const parse = JSON.parse;
    const P = Promise;
    const resolve = P.resolve.bind(P);
    const reject = P.reject.bind(P);
    const then = P.prototype.then;
    const isArray = Array.isArray;
    const keys = Object.keys;
    const getProto = Object.getPrototypeOf;
    const defineProperty = Object.defineProperty;
    const hasOwn = Function.prototype.call.bind(Object.prototype.hasOwnProperty);
    const ErrorType = Error;
    const TypeErrorType = TypeError;
    const StringType = String;
    const ProxyType = Proxy;
    const SetType = Set;
    const setHas = Function.prototype.call.bind(Set.prototype.has);
    const setAdd = Function.prototype.call.bind(Set.prototype.add);
    const setDelete = Function.prototype.call.bind(Set.prototype.delete);
    const match = Function.prototype.call.bind(String.prototype.match);
    const FROM_HOST = Symbol('host');
    const MAX_DEPTH = 64;
    const LEVELS = new SetType(['error', 'debug', 'info', 'warning']);
    // Names a device object answers itself; any other name is a call of one of its methods.
    const OWN = new SetType(['then', 'catch', 'finally', 'toJSON', 'constructor', 'valueOf', 'toString',
        'toLocaleString', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', '__proto__']);

    class NotJson {
        constructor(message) { this.message = message; }
    }

    // A copy of v made only of JSON values; functions, symbols, bigints and cycles are NotJson.
    function plain(v, path, seen, depth) {
        if (v === undefined || v === null) return null;
        const t = typeof v;
        if (t === 'string' || t === 'boolean') return v;
        if (t === 'number') return (v === v && v !== Infinity && v !== -Infinity) ? v : null;
        if (t === 'function') throw new NotJson('a function at ' + path);
        if (t === 'symbol') throw new NotJson('a symbol at ' + path);
        if (t === 'bigint') throw new NotJson('a bigint at ' + path);
        if (depth > MAX_DEPTH) throw new NotJson('nested deeper than ' + MAX_DEPTH + ' levels at ' + path);
        if (typeof v.toJSON === 'function') return plain(v.toJSON(), path, seen, depth);
        if (setHas(seen, v)) throw new NotJson('a cycle at ' + path);
        setAdd(seen, v);
        let out;
        if (isArray(v)) {
            out = [];
            for (let i = 0; i < v.length; i++) out.push(plain(v[i], path + '[' + i + ']', seen, depth + 1));
        } else {
            out = {};
            for (const k of keys(v)) {
                const item = v[k];
                if (item !== undefined) {
                    defineProperty(out, k, {value: plain(item, path + '.' + k, seen, depth + 1),
                        enumerable: true, writable: true, configurable: true});
                }
            }
        }
        setDelete(seen, v);
        return out;
    }

    function json(v, path) {
        return stringify(plain(v, path, new SetType(), 0));
    }

    function hostError(message) {
        const e = new ErrorType(message);
        e[FROM_HOST] = true;
        return e;
    }

    function requireString(fn, what, v) {
        if (typeof v !== 'string' || v.length === 0) {
            throw new TypeErrorType(fn + ': ' + what + ' must be a non-empty string');
        }
    }

    function makeHost(bridge) {
        // Every built-in answers a Promise; a bad argument or a host error is a rejection.
        function call(op, args) {
            let reply;
            try {
                let text;
                try {
                    text = json(args, op);
                } catch (e) {
                    if (e instanceof NotJson) throw new TypeErrorType(op + ': arguments must be JSON, found ' + e.message);
                    throw e;
                }
                reply = parse(bridge(op, text));
            } catch (e) {
                return reject(e);
            }
            if (hasOwn(reply, 'error')) return reject(hostError(reply.error));
            return resolve(reply.ok);
        }
        function checked(fn, body) {
            return function (...args) {
                try {
                    return body(...args);
                } catch (e) {
                    return reject(e);
                }
            };
        }
        const api = {
            setProperty: checked('setProperty', (name, point) => {
                requireString('setProperty', 'name', name);
                return call('setProperty', [name, point === undefined ? null : point]);
            }),
            getProperty: checked('getProperty', (name) => {
                requireString('getProperty', 'name', name);
                return call('getProperty', [name]);
            }),
            log: checked('log', (level, message) => {
                if (!setHas(LEVELS, level)) throw new TypeErrorType('log: level must be one of error, debug, info, warning');
                const text = typeof message === 'string' ? message : json(message === undefined ? null : message, 'message');
                return then.call(call('log', [level, text]), () => undefined);
            }),
            readData: checked('readData', (name, query) => {
                requireString('readData', 'name', name);
                return call('readData', [name, query === undefined ? {} : query]);
            }),
            findDevices: checked('findDevices', (filter) => call('findDevices', [filter === undefined ? {} : filter])),
            executeDeviceMethod: checked('executeDeviceMethod', (deviceId, method, value) => {
                requireString('executeDeviceMethod', 'deviceId', deviceId);
                requireString('executeDeviceMethod', 'method', method);
                return call('executeDeviceMethod', [deviceId, method, value === undefined ? null : value]);
            }),
            setDeviceProperty: checked('setDeviceProperty', (deviceId, name, point) => {
                requireString('setDeviceProperty', 'deviceId', deviceId);
                requireString('setDeviceProperty', 'name', name);
                return call('setDeviceProperty', [deviceId, name, point === undefined ? null : point]);
            }),
            getDeviceProperty: checked('getDeviceProperty', (deviceId, name) => {
                requireString('getDeviceProperty', 'deviceId', deviceId);
                requireString('getDeviceProperty', 'name', name);
                return call('getDeviceProperty', [deviceId, name]);
            }),
        };
        return {api, call};
    }

    // The object a method runs on: `this` in the current style, `Device` and `App` in the legacy one.
    // Built once per context; its name is the running call's.
    function makeDevice(host, nameOf) {
        const target = {api: host.api};
        defineProperty(target, 'name', {get: nameOf, enumerable: true});
        for (const k of keys(host.api)) target[k] = host.api[k];
        const ownMethods = {};
        return new ProxyType(target, {
            get(t, key) {
                if (typeof key !== 'string' || hasOwn(t, key) || setHas(OWN, key)) return t[key];
                if (!hasOwn(ownMethods, key)) {
                    ownMethods[key] = (value) => host.call('callOwnMethod', [key, value === undefined ? null : value]);
                }
                return ownMethods[key];
            },
        });
    }

    function describe(e) {
        if (e instanceof ErrorType) {
            const stack = typeof e.stack === 'string' ? e.stack : '';
            const at = match(stack, /method\.js:(\d+):(\d+)/);
            const message = StringType(e.message);
            return {message: message === '' ? StringType(e.name) : message, line: at ? +at[1] : 0, column: at ? +at[2] : 0,
                host: e[FROM_HOST] === true};
        }
        if (typeof e === 'string') return {message: e, line: 0, column: 0, host: false};
        try {
            return {message: json(e, 'error'), line: 0, column: 0, host: false};
        } catch (ignored) {
            return {message: StringType(e), line: 0, column: 0, host: false};
        }
    }

    // Given the context's bridge (which the host points at the running call), answers the function
    // that runs fn (the wrapped body) and returns its state; promise jobs settle it before the host
    // reads it.
    return function setup(bridge) {
        let name = null;
        const device = makeDevice(makeHost(bridge), () => name);
        return function run(fn, objectName, valueJson, usesDone) {
            name = objectName;
            const state = {settled: false, ok: false, json: null, notJson: null, error: null};
            function succeed(result) {
                if (state.settled) return;
                state.settled = true;
                try {
                    state.json = json(result, 'result');
                    state.ok = true;
                } catch (e) {
                    if (e instanceof NotJson) state.notJson = e.message; else state.error = describe(e);
                }
            }
            function fail(e) {
                if (state.settled) return;
                state.settled = true;
                state.error = describe(e);
            }
            function done(err, result) {
                if (err !== undefined && err !== null) fail(err); else succeed(result);
            }
            then.call(fn(device, parse(valueJson), done, device, device),
                (result) => { if (result !== undefined || !usesDone) succeed(result); },
                fail);
            return state;
        };
    };
})()
