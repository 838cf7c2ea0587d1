//! A Rust (wasm32-wasi, preview1) program: file I/O in the preopened /sandbox directory, and a
//! summary of everything read from stdin. Prints what it checks; exits 0, or 3 if a check failed.
use std::env;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, ErrorKind, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::process;

const SANDBOX: &str = "/sandbox";

fn listing(dir: &Path) -> String {
    match fs::read_dir(dir) {
        Ok(entries) => {
            let mut names: Vec<String> = entries
                .map(|e| {
                    let e = e.expect("dir entry");
                    let mut n = e.file_name().to_string_lossy().into_owned();
                    if e.file_type().expect("file type").is_dir() {
                        n.push('/');
                    }
                    n
                })
                .collect();
            names.sort();
            format!("[{}]", names.join(" "))
        }
        Err(e) => format!("error: {:?}", e.kind()),
    }
}

fn files() -> io::Result<bool> {
    let mut ok = true;
    let dir = Path::new(SANDBOX).join("rustfiles");
    fs::create_dir(&dir)?;
    fs::create_dir_all(dir.join("nested/deeper"))?;

    let path = dir.join("data.txt");
    {
        let mut f = File::create(&path)?;
        f.write_all(b"alpha\nbeta\n")?;
        writeln!(f, "gamma {}", 3)?;
        f.sync_all()?;
    }
    let text = fs::read_to_string(&path)?;
    println!("read back: {:?}", text);

    let meta = fs::metadata(&path)?;
    println!("metadata: len={} file={} dir={} readonly={}", meta.len(), meta.is_file(), meta.is_dir(),
        meta.permissions().readonly());
    let dmeta = fs::metadata(dir.join("nested"))?;
    println!("nested metadata: dir={}", dmeta.is_dir());
    println!("modified time available: {}", meta.modified().is_ok());

    // Append, then seek and read part of the file.
    {
        let mut f = OpenOptions::new().append(true).open(&path)?;
        f.write_all(b"delta\n")?;
    }
    {
        let mut f = File::open(&path)?;
        f.seek(SeekFrom::Start(6))?;
        let mut buf = [0u8; 4];
        f.read_exact(&mut buf)?;
        println!("at offset 6: {:?}", String::from_utf8_lossy(&buf));
        let end = f.seek(SeekFrom::End(0))?;
        println!("size by seek: {}", end);
    }
    // Line-by-line reading through a BufReader.
    let lines: Vec<String> = BufReader::new(File::open(&path)?).lines().collect::<Result<_, _>>()?;
    println!("lines: {:?}", lines);

    // Overwrite with truncate, and set_len.
    fs::write(dir.join("other.bin"), [0u8, 1, 2, 3, 255])?;
    let f = OpenOptions::new().write(true).open(dir.join("other.bin"))?;
    f.set_len(2)?;
    drop(f);
    println!("other.bin after set_len: {:?}", fs::read(dir.join("other.bin"))?);

    fs::copy(&path, dir.join("nested/copy.txt"))?;
    fs::rename(dir.join("other.bin"), dir.join("nested/moved.bin"))?;
    println!("listing: {}", listing(&dir));
    println!("nested listing: {}", listing(&dir.join("nested")));

    match File::open(dir.join("missing.txt")) {
        Err(e) if e.kind() == ErrorKind::NotFound => println!("open missing: NotFound"),
        other => {
            println!("open missing: unexpected {:?}", other.map(|_| ()));
            ok = false;
        }
    }
    match fs::create_dir(&dir) {
        Err(e) if e.kind() == ErrorKind::AlreadyExists => println!("mkdir existing: AlreadyExists"),
        other => {
            println!("mkdir existing: unexpected {:?}", other);
            ok = false;
        }
    }
    let rm_nonempty = fs::remove_dir(dir.join("nested"));
    println!("remove_dir non-empty fails: {}", rm_nonempty.is_err());
    let outside = File::open("/etc/passwd");
    println!("outside sandbox fails: {}", outside.is_err());

    fs::remove_file(&path)?;
    println!("exists after remove_file: {}", path.exists());
    fs::remove_dir_all(dir.join("nested"))?;
    println!("listing after removals: {}", listing(&dir));
    fs::remove_dir(&dir)?;
    println!("sandbox listing: {}", listing(Path::new(SANDBOX)));
    Ok(ok)
}

fn stdin_summary() -> io::Result<()> {
    let mut data = Vec::new();
    io::stdin().lock().read_to_end(&mut data)?;
    let text = String::from_utf8_lossy(&data);
    let lines = text.lines().count();
    let words = text.split_whitespace().count();
    println!("stdin: {} bytes, {} lines, {} words", data.len(), lines, words);
    for (i, line) in text.lines().enumerate() {
        println!("{:>3}: {}", i + 1, line.to_uppercase());
    }
    Ok(())
}

fn main() {
    let args: Vec<String> = env::args().skip(1).collect();
    println!("args: {:?}", args);
    println!("RUST_MODE={:?}", env::var("RUST_MODE").ok());
    let ok = match files() {
        Ok(ok) => ok,
        Err(e) => {
            println!("file error: {} ({:?})", e, e.kind());
            false
        }
    };
    if let Err(e) = stdin_summary() {
        println!("stdin error: {}", e);
        process::exit(4);
    }
    io::stdout().flush().unwrap();
    process::exit(if ok { 0 } else { 3 });
}
