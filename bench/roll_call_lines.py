"""Writes the roll-call benchmark's request lines (bench/roll_call_wrk.lua): signs in the demo's
school accounts, and for each of their classes and both sessions, two bodies marking one pupil
truant or late. Usage: roll_call_lines.py PORT OUT"""
import json
import sys
import urllib.request

port, out = sys.argv[1], sys.argv[2]
base = f"http://127.0.0.1:{port}"


def call(method, path, cookie=None, body=None, csrf=None):
    req = urllib.request.Request(base + path, method=method,
                                 data=json.dumps(body).encode() if body is not None else None)
    req.add_header("Content-Type", "application/json")
    if cookie:
        req.add_header("Cookie", cookie)
    if csrf:
        req.add_header("X-CSRF-Token", csrf)
    with urllib.request.urlopen(req) as r:
        return r.headers, json.loads(r.read())


lines = []
for user in ("school_a", "school_b"):
    headers, session = call("POST", "/api/session",
                            body={"username": user, "password": "Demo2026pass"})
    cookie = headers["Set-Cookie"].split(";")[0]
    csrf = session["csrf"]
    _, classes = call("GET", "/api/roll-call/classes", cookie)
    for c in classes["rows"]:
        q = f"?school_code={c['school_code']}&grade={c['grade']}&class_number={c['class_number']}"
        _, sheet = call("GET", "/api/roll-call" + q, cookie)
        pupil = str(sheet["pupils"][0]["id"])
        for session_name in ("am", "pm"):
            body = {"school_code": c["school_code"], "grade": c["grade"],
                    "class_number": c["class_number"], "session": session_name}
            a = json.dumps(dict(body, marks={pupil: "truant"}), separators=(",", ":"))
            b = json.dumps(dict(body, marks={pupil: "late"}), separators=(",", ":"))
            lines.append("\t".join([cookie, csrf, a, b]))
with open(out, "w") as f:
    f.write("\n".join(lines) + "\n")
print(f"{len(lines)} roll calls")
