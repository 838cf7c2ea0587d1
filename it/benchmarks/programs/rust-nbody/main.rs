// n-body: the same simulation, argument and output as the corpus's bench-nbody (and go-nbody),
// operation for operation, so all three print the same bytes for the same size. The initial
// velocities and masses are Go's exact constant products (Go folds `x * daysPerYear` in
// arbitrary precision), written out as the f64 values Go computes.
use std::env;

const SOLAR_MASS: f64 = 39.47841760435743;

#[derive(Clone, Copy)]
struct Body {
    x: f64,
    y: f64,
    z: f64,
    vx: f64,
    vy: f64,
    vz: f64,
    mass: f64,
}

fn system() -> Vec<Body> {
    vec![
        Body { x: 0.0, y: 0.0, z: 0.0, vx: 0.0, vy: 0.0, vz: 0.0, mass: SOLAR_MASS },
        Body { x: 4.84143144246472090e+00, y: -1.16032004402742839e+00, z: -1.03622044471123109e-01,
               vx: 0.606326392995832, vy: 2.8119868449162597, vz: -0.02521836165988763, mass: 0.03769367487038949 },
        Body { x: 8.34336671824457987e+00, y: 4.12479856412430479e+00, z: -4.03523417114321381e-01,
               vx: -1.0107743461787924, vy: 1.8256623712304116, vz: 0.008415761376584154, mass: 0.011286326131968769 },
        Body { x: 1.28943695621391310e+01, y: -1.51111514016986312e+01, z: -2.23307578892655734e-01,
               vx: 1.0827910064415354, vy: 0.8687130181696082, vz: -0.010832637401363636, mass: 0.0017237240570597114 },
        Body { x: 1.53796971148509165e+01, y: -2.59193146099879641e+01, z: 1.79258772950371181e-01,
               vx: 0.979090732243898, vy: 0.5946989986476762, vz: -0.034755955504078104, mass: 0.0020336868699246304 },
    ]
}

fn offset(b: &mut [Body]) {
    let (mut px, mut py, mut pz) = (0.0f64, 0.0f64, 0.0f64);
    for x in b.iter() {
        px += x.vx * x.mass;
        py += x.vy * x.mass;
        pz += x.vz * x.mass;
    }
    b[0].vx = -px / SOLAR_MASS;
    b[0].vy = -py / SOLAR_MASS;
    b[0].vz = -pz / SOLAR_MASS;
}

fn energy(b: &[Body]) -> f64 {
    let mut e = 0.0f64;
    for i in 0..b.len() {
        e += 0.5 * b[i].mass * (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz);
        for j in i + 1..b.len() {
            let (dx, dy, dz) = (b[i].x - b[j].x, b[i].y - b[j].y, b[i].z - b[j].z);
            e -= b[i].mass * b[j].mass / (dx * dx + dy * dy + dz * dz).sqrt();
        }
    }
    e
}

fn advance(b: &mut [Body], dt: f64) {
    let n = b.len();
    for i in 0..n {
        for j in i + 1..n {
            let (dx, dy, dz) = (b[i].x - b[j].x, b[i].y - b[j].y, b[i].z - b[j].z);
            let d2 = dx * dx + dy * dy + dz * dz;
            let mag = dt / (d2 * d2.sqrt());
            let mj = b[j].mass;
            let mi = b[i].mass;
            b[i].vx -= dx * mj * mag;
            b[i].vy -= dy * mj * mag;
            b[i].vz -= dz * mj * mag;
            b[j].vx += dx * mi * mag;
            b[j].vy += dy * mi * mag;
            b[j].vz += dz * mi * mag;
        }
    }
    for body in b.iter_mut() {
        body.x += dt * body.vx;
        body.y += dt * body.vy;
        body.z += dt * body.vz;
    }
}

fn main() {
    let n: usize = env::args().nth(1).map(|a| a.parse().unwrap_or(0)).unwrap_or(1000000);
    let mut b = system();
    offset(&mut b);
    print!("{:.9}\n", energy(&b));
    for _ in 0..n {
        advance(&mut b, 0.01);
    }
    print!("{:.9}\n", energy(&b));
}
