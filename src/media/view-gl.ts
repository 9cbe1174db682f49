/**
 * The View panel's filters on the GPU (issue 18: "at playback speed on 1080p"): WebGL2 on an
 * OffscreenCanvas, usable in the render worker. The same arithmetic as the CPU path
 * (vision/view-pipeline.ts, itself FFmpeg's), in integers:
 *
 * - the Y, U and V planes are R8UI textures read with texelFetch (no filtering, no floats);
 * - one field, line-doubled as vision/fields.ts does, per plane with its own height;
 * - the three per-value tables of `viewTables` (luma before sharpening, after it, chroma) are
 *   one 256×3 R8UI texture;
 * - sharpen is FFmpeg's unsharp 5×5 (vision/unsharp.ts): weights 1 4 6 4 1 across then down,
 *   edges repeated, blur = (sum + 128) >> 8, out = clip(p + floor((p − blur)·a / 2^16)),
 *   a = trunc(fround(amount)·65536) (the 5×5 is vision/view-settings' SHARPEN_SIZE). Across is a first pass into an RG16UI texture (the row
 *   sum and the centre value), down the second: ten fetches a pixel instead of twenty-five;
 * - YUV → RGB with `yuvToRgba`'s fixed-point integers (media/yuv-to-rgba.ts), rounded as its
 *   Uint8ClampedArray rounds (half to even), chroma by integer shifts.
 *
 * So the picture equals, byte for byte, applyView followed by yuvToRgba (the CPU path's
 * conversion for formats the browser does not convert itself; for I420/I422/I444 the CPU
 * path uses the browser's own conversion, which rounds differently by a level here and there).
 * The context and textures stay across frames; a lost context makes `render` return null,
 * and the caller draws on the CPU from then on.
 */
import { viewTables } from '../vision/view-pipeline';
import type { ViewSettings } from '../vision/view-settings';
import { rgbCoefficients, type ColorMatrix } from './yuv-to-rgba';

export interface GlPicture {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
  /** log2 of the chroma subsampling; null for grey. */
  readonly chroma: { readonly x: number; readonly y: number } | null;
}

const VERTEX = `#version 300 es
void main() {
  // One triangle over the whole viewport, no buffers.
  vec2 p = vec2(float((gl_VertexID & 1) * 4 - 1), float((gl_VertexID >> 1) * 4 - 1));
  gl_Position = vec4(p, 0.0, 1.0);
}`;

const COMMON = `#version 300 es
precision highp float;
precision highp int;
precision highp usampler2D;
uniform usampler2D yPlane;
uniform usampler2D tables; // row 0: luma before sharpening, 1: after it, 2: chroma
uniform ivec2 size;
uniform int parity; // -1: both fields; 0: top; 1: bottom

// The plane's line shown on row y: vision/fields.ts's min(2·floor(y/2) + parity, h − 1).
int fieldRow(int y, int h) { return parity < 0 ? y : min((y & ~1) + parity, h - 1); }

int table(int row, int v) { return int(texelFetch(tables, ivec2(v, row), 0).r); }

// Luma after the field and the per-value table before sharpening, at picture (x, y).
int lumaAt(int x, int y) {
  return table(0, int(texelFetch(yPlane, ivec2(x, fieldRow(y, size.y)), 0).r));
}
`;

/** Pass 1 (sharpen only): the 1 4 6 4 1 sum across each row, and the centre value. */
const ACROSS = `${COMMON}
out uvec4 sums;
void main() {
  ivec2 c = ivec2(gl_FragCoord.xy);
  int last = size.x - 1;
  int p = lumaAt(c.x, c.y);
  int sum = lumaAt(clamp(c.x - 2, 0, last), c.y) + 4 * lumaAt(clamp(c.x - 1, 0, last), c.y)
    + 6 * p + 4 * lumaAt(min(c.x + 1, last), c.y) + lumaAt(min(c.x + 2, last), c.y);
  sums = uvec4(uint(sum), uint(p), 0u, 0u);
}`;

/** The picture: luma (sharpened or not), chroma, to RGB. */
const FINAL = `${COMMON}
uniform usampler2D across; // pass 1's sums (sharpen only)
uniform usampler2D uPlane;
uniform usampler2D vPlane;
uniform bool sharpen;
uniform int amount; // trunc(fround(amount) * 65536)
uniform bool hasChroma;
uniform ivec2 chromaShift;
uniform ivec2 chromaSize;
uniform int yScale;
uniform int yOffset;
uniform int rv;
uniform int gu;
uniform int gv;
uniform int bu;
out vec4 color;

int rowSum(int x, int y) { return int(texelFetch(across, ivec2(x, y), 0).r); }

// value / 2^16 as a Uint8ClampedArray stores it: clamped, rounded half to even (adding
// 2^15 − 1, and 1 more when the whole part is odd), without branches.
float channel(int value) {
  int v = max(value, 0);
  return float(min((v + 32767 + ((v >> 16) & 1)) >> 16, 255)) / 255.0;
}

void main() {
  // GL's rows go up; the picture's go down.
  ivec2 c = ivec2(int(gl_FragCoord.x), size.y - 1 - int(gl_FragCoord.y));
  int luma;
  if (sharpen) {
    int last = size.y - 1;
    uvec2 mid = texelFetch(across, c, 0).rg;
    int p = int(mid.g);
    int sum = rowSum(c.x, clamp(c.y - 2, 0, last)) + 4 * rowSum(c.x, clamp(c.y - 1, 0, last))
      + 6 * int(mid.r) + 4 * rowSum(c.x, min(c.y + 1, last)) + rowSum(c.x, min(c.y + 2, last));
    int blur = (sum + 128) >> 8;
    int d = (p - blur) * amount;
    // floor(d / 2^16) as C's >> 16: GLSL ES 3.00 extends the sign of a signed int's >>.
    luma = table(1, clamp(p + (d >> 16), 0, 255));
  } else {
    luma = lumaAt(c.x, c.y);
  }
  int r = (luma - yOffset) * yScale;
  int g = r;
  int b = r;
  if (hasChroma) {
    ivec2 at = ivec2(c.x >> chromaShift.x, fieldRow(c.y >> chromaShift.y, chromaSize.y));
    int u = table(2, int(texelFetch(uPlane, at, 0).r)) - 128;
    int v = table(2, int(texelFetch(vPlane, at, 0).r)) - 128;
    r += rv * v;
    g -= gu * u + gv * v;
    b += bu * u;
  }
  color = vec4(channel(r), channel(g), channel(b), 1.0);
}`;

type Gl = WebGL2RenderingContext;

/** Renderer names of GLs that draw on the CPU. */
const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render/i;

function compile(gl: Gl, vertex: string, fragment: string): WebGLProgram {
  const program = gl.createProgram();
  for (const [type, source] of [
    [gl.VERTEX_SHADER, vertex],
    [gl.FRAGMENT_SHADER, fragment],
  ] as const) {
    const shader = gl.createShader(type)!;
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) {
      throw new Error(`view shader: ${gl.getShaderInfoLog(shader) ?? 'does not compile'}`);
    }
    gl.attachShader(program, shader);
  }
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) {
    throw new Error(`view program: ${gl.getProgramInfoLog(program) ?? 'does not link'}`);
  }
  return program;
}

/** Texture units (by the shaders' sampler names), fixed for the renderer's life. */
const UNIT = { yPlane: 0, uPlane: 1, vPlane: 2, tables: 3, across: 4 } as const;

interface Sized {
  readonly width: number;
  readonly height: number;
  readonly chromaWidth: number;
  readonly chromaHeight: number;
  readonly y: WebGLTexture;
  readonly u: WebGLTexture;
  readonly v: WebGLTexture;
  readonly across: WebGLTexture;
  readonly framebuffer: WebGLFramebuffer;
}

export class GlViewRenderer {
  readonly #canvas: OffscreenCanvas;
  readonly #gl: Gl;
  readonly #across: WebGLProgram;
  readonly #final: WebGLProgram;
  readonly #tables: WebGLTexture;
  #sized: Sized | null = null;
  #lost = false;
  /**
   * Whether the GL is a software rasteriser (SwiftShader, llvmpipe…): there the shaders run
   * on the CPU's cores, slower than the CPU path itself (measured: bench/view-filters).
   */
  readonly software: boolean;
  /** The GL's own name for itself (e.g. "ANGLE (Google, Vulkan 1.3.0 (SwiftShader…"). */
  readonly rendererName: string;

  private constructor(canvas: OffscreenCanvas, gl: Gl) {
    this.#canvas = canvas;
    this.#gl = gl;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    this.rendererName = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    this.software = SOFTWARE.test(this.rendererName);
    canvas.addEventListener('webglcontextlost', (event) => {
      event.preventDefault();
      this.#lost = true;
    });
    this.#across = compile(gl, VERTEX, ACROSS);
    this.#final = compile(gl, VERTEX, FINAL);
    this.#tables = this.#texture(gl.R8UI, 256, 3);
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
    gl.disable(gl.DITHER);
    for (const program of [this.#across, this.#final]) {
      gl.useProgram(program);
      for (const [name, unit] of Object.entries(UNIT)) {
        const at = gl.getUniformLocation(program, name);
        if (at) gl.uniform1i(at, unit);
      }
    }
  }

  /** A renderer, or null where WebGL2 (or an OffscreenCanvas) is not to be had. */
  static create(): GlViewRenderer | null {
    try {
      if (typeof OffscreenCanvas !== 'function') return null;
      const canvas = new OffscreenCanvas(1, 1);
      const gl = canvas.getContext('webgl2', {
        alpha: false,
        antialias: false,
        depth: false,
        stencil: false,
        premultipliedAlpha: false,
        preserveDrawingBuffer: false,
      });
      return gl ? new GlViewRenderer(canvas, gl) : null;
    } catch {
      return null;
    }
  }

  /** Whether the context is gone (then the renderer is of no more use). */
  get lost(): boolean {
    return this.#lost || this.#gl.isContextLost();
  }

  /**
   * The picture with the view's filters, as a bitmap of its own size; null when the context
   * was lost (draw on the CPU instead).
   */
  render(
    picture: GlPicture,
    fullRange: boolean,
    matrix: ColorMatrix,
    settings: ViewSettings,
  ): ImageBitmap | null {
    if (this.lost) return null;
    const gl = this.#gl;
    const { width, height, chroma } = picture;
    const sized = this.#resize(picture);
    const tables = viewTables(settings);
    const tableBytes = new Uint8Array(256 * 3);
    tableBytes.set(tables.lumaBefore, 0);
    tableBytes.set(tables.lumaAfter, 256);
    tableBytes.set(tables.chroma, 512);
    this.#upload(this.#tables, 256, 3, tableBytes);
    // WebGL refuses views of shared memory.
    const shared =
      typeof SharedArrayBuffer === 'function' && picture.data.buffer instanceof SharedArrayBuffer;
    const data = shared ? picture.data.slice() : picture.data;
    const lumaBytes = width * height;
    const chromaBytes = sized.chromaWidth * sized.chromaHeight;
    this.#upload(sized.y, width, height, data.subarray(0, lumaBytes));
    if (chroma) {
      this.#upload(sized.u, sized.chromaWidth, sized.chromaHeight, data.subarray(lumaBytes));
      const vAt = lumaBytes + chromaBytes;
      this.#upload(sized.v, sized.chromaWidth, sized.chromaHeight, data.subarray(vAt));
    }
    this.#bind(UNIT.yPlane, sized.y);
    this.#bind(UNIT.uPlane, sized.u);
    this.#bind(UNIT.vPlane, sized.v);
    this.#bind(UNIT.tables, this.#tables);
    const parity = settings.fields === 'top' ? 0 : settings.fields === 'bottom' ? 1 : -1;
    const sharpen = settings.sharpen !== 0;
    gl.viewport(0, 0, width, height);

    if (sharpen) {
      gl.bindFramebuffer(gl.FRAMEBUFFER, sized.framebuffer);
      gl.useProgram(this.#across);
      this.#common(this.#across, width, height, parity);
      gl.drawArrays(gl.TRIANGLES, 0, 3);
      gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    }
    this.#bind(UNIT.across, sized.across);
    const p = this.#final;
    gl.useProgram(p);
    this.#common(p, width, height, parity);
    const at = (name: string) => gl.getUniformLocation(p, name);
    gl.uniform1i(at('sharpen'), sharpen ? 1 : 0);
    gl.uniform1i(at('amount'), Math.trunc(Math.fround(settings.sharpen) * 65536));
    gl.uniform1i(at('hasChroma'), chroma ? 1 : 0);
    gl.uniform2i(at('chromaShift'), chroma?.x ?? 0, chroma?.y ?? 0);
    gl.uniform2i(at('chromaSize'), sized.chromaWidth, sized.chromaHeight);
    const k = rgbCoefficients(fullRange, matrix);
    for (const name of ['yScale', 'yOffset', 'rv', 'gu', 'gv', 'bu'] as const) {
      gl.uniform1i(at(name), k[name]);
    }
    gl.drawArrays(gl.TRIANGLES, 0, 3);
    if (this.lost) return null;
    return this.#canvas.transferToImageBitmap();
  }

  /** Frees the textures and the context. */
  dispose(): void {
    this.#drop();
    const gl = this.#gl;
    gl.deleteTexture(this.#tables);
    gl.deleteProgram(this.#across);
    gl.deleteProgram(this.#final);
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }

  #common(program: WebGLProgram, width: number, height: number, parity: number): void {
    const gl = this.#gl;
    gl.uniform2i(gl.getUniformLocation(program, 'size'), width, height);
    gl.uniform1i(gl.getUniformLocation(program, 'parity'), parity);
  }

  #texture(format: number, width: number, height: number): WebGLTexture {
    const gl = this.#gl;
    const texture = gl.createTexture();
    gl.bindTexture(gl.TEXTURE_2D, texture);
    gl.texStorage2D(gl.TEXTURE_2D, 1, format, Math.max(width, 1), Math.max(height, 1));
    // Integer textures are incomplete with linear filtering (texelFetch would read zeros).
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
    return texture;
  }

  #upload(texture: WebGLTexture, width: number, height: number, bytes: Uint8Array): void {
    const gl = this.#gl;
    gl.bindTexture(gl.TEXTURE_2D, texture);
    gl.texSubImage2D(
      gl.TEXTURE_2D,
      0,
      0,
      0,
      width,
      height,
      gl.RED_INTEGER,
      gl.UNSIGNED_BYTE,
      bytes.subarray(0, width * height),
    );
  }

  #bind(unit: number, texture: WebGLTexture): void {
    const gl = this.#gl;
    gl.activeTexture(gl.TEXTURE0 + unit);
    gl.bindTexture(gl.TEXTURE_2D, texture);
  }

  /** The textures for this picture's size, made again when the size changes. */
  #resize(picture: GlPicture): Sized {
    const { width, height, chroma } = picture;
    const chromaWidth = chroma ? Math.ceil(width / (1 << chroma.x)) : 1;
    const chromaHeight = chroma ? Math.ceil(height / (1 << chroma.y)) : 1;
    const old = this.#sized;
    if (
      old &&
      old.width === width &&
      old.height === height &&
      old.chromaWidth === chromaWidth &&
      old.chromaHeight === chromaHeight
    ) {
      return old;
    }
    this.#drop();
    const gl = this.#gl;
    this.#canvas.width = width;
    this.#canvas.height = height;
    const across = this.#texture(gl.RG16UI, width, height);
    const framebuffer = gl.createFramebuffer();
    gl.bindFramebuffer(gl.FRAMEBUFFER, framebuffer);
    gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, across, 0);
    const complete = gl.checkFramebufferStatus(gl.FRAMEBUFFER) === gl.FRAMEBUFFER_COMPLETE;
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    const sized: Sized = {
      width,
      height,
      chromaWidth,
      chromaHeight,
      y: this.#texture(gl.R8UI, width, height),
      u: this.#texture(gl.R8UI, chromaWidth, chromaHeight),
      v: this.#texture(gl.R8UI, chromaWidth, chromaHeight),
      across,
      framebuffer,
    };
    this.#sized = sized;
    if (!complete) throw new Error('view renderer: RG16UI is not renderable here');
    return sized;
  }

  #drop(): void {
    const old = this.#sized;
    if (!old) return;
    const gl = this.#gl;
    for (const texture of [old.y, old.u, old.v, old.across]) gl.deleteTexture(texture);
    gl.deleteFramebuffer(old.framebuffer);
    this.#sized = null;
  }
}
